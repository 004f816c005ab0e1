using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.MetaAudiences;
using ReverseEtlDbt.Privacy;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.MetaAudiences.MetaAudienceBatches;

namespace ReverseEtlDbt.Tests.Destinations.MetaAudiences;

public sealed class MetaNormalizerTests
{
    [Theory]
    [InlineData("EMAIL", "  Test@Example.COM ", "test@example.com")]
    [InlineData("PHONE", "+1 (555) 926-1711", "15559261711")]
    [InlineData("PHONE", "0044 20 7946 0958", "442079460958")]
    [InlineData("GEN", "Female", "f")]
    [InlineData("GEN", " M ", "m")]
    [InlineData("FN", "Mary-Ann", "maryann")]
    [InlineData("LN", "O'Brien Smith", "obriensmith")]
    [InlineData("FN", "Élodie", "élodie")]
    [InlineData("FI", "  jean", "j")]
    [InlineData("CT", "San Francisco!", "sanfrancisco")]
    [InlineData("ST", "CA", "ca")]
    [InlineData("ZIP", "94107-1234", "94107")]
    [InlineData("ZIP", "SW1A 1AA", "sw1a1aa")]
    [InlineData("COUNTRY", "US", "us")]
    [InlineData("DOBY", "1990", "1990")]
    [InlineData("DOBM", "2", "02")]
    [InlineData("DOBD", "7", "07")]
    [InlineData("EXTERN_ID", " crm-42 ", "crm-42")]
    public void Values_are_normalised_per_schema_key(string key, string value, string expected) =>
        Assert.Equal(expected, MetaNormalizer.Normalize(key, value, 2026));

    [Theory]
    [InlineData("GEN", "x")]
    [InlineData("DOBM", "13")]
    [InlineData("DOBY", "1850")]
    [InlineData("DOBY", "2031")]
    [InlineData("COUNTRY", "USA")]
    [InlineData("PHONE", "n/a")]
    [InlineData("EMAIL", "   ")]
    public void Values_that_cannot_be_normalised_leave_the_slot_empty(string key, string value) =>
        Assert.Null(MetaNormalizer.Normalize(key, value, 2026));

    [Fact]
    public void Date_columns_give_their_year_month_and_day()
    {
        var birthday = new DateOnly(1990, 2, 7);
        Assert.Equal(("1990", "02", "07"),
            (MetaNormalizer.Normalize("DOBY", birthday, 2026), MetaNormalizer.Normalize("DOBM", birthday, 2026), MetaNormalizer.Normalize("DOBD", birthday, 2026)));
    }

    [Fact]
    public void Timestamp_columns_as_the_diff_reads_them_give_their_date_parts()
    {
        var birthday = ReverseEtlDbt.Values.ExactTimestamp.TryParse("1990-02-07 23:30:00.123456", utc: true);
        Assert.Equal(("1990", "02", "07"),
            (MetaNormalizer.Normalize("DOBY", birthday, 2026), MetaNormalizer.Normalize("DOBM", birthday, 2026), MetaNormalizer.Normalize("DOBD", birthday, 2026)));
    }

    [Fact]
    public void Identifiers_are_sent_as_sha256_of_the_normalised_value_with_known_vectors()
    {
        var row = Row(1, email: " Test@Example.COM", phone: "+1-555-926-1711") with
        {
            Fields = new Dictionary<string, object?> { ["EMAIL"] = " Test@Example.COM", ["PHONE"] = "+1-555-926-1711", ["FN"] = "Mary-Ann" },
        };

        var upload = MetaUpload.ForAdd(Customers(), [row], 2026);

        Assert.Equal(["EMAIL", "PHONE", "FN"], upload.Schema);
        Assert.Equal(
            ["973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b",
             "1f2a8930d07924bfb758c3e8d5608edaa66eedaa7446b3548125837db497de91",
             "16b3f07f0ec2f9dd127b71dc2e6c791b7d93116a1c3bc99d057eaa7a8a077e73"],
            Assert.Single(upload.Rows).Values);
    }

    [Fact]
    public void Payload_holds_only_hashes_never_the_raw_values()
    {
        var upload = MetaUpload.ForAdd(Customers(), [Row(1), Row(2)], 2026);

        var payload = upload.Payload();

        Assert.StartsWith("{\"schema\":[\"EMAIL\",\"PHONE\",\"FN\"],\"data\":[[\"", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", payload, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("555", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("mary", payload, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Extern_id_is_sent_as_is_unless_its_column_is_listed_in_hash()
    {
        var sync = Customers() with { Match = new MatchSpec("customer_ref", "extern_id"), Fields = [], Hash = [] };
        var row = new RecordChange("1", "crm-42", new Dictionary<string, object?> { ["extern_id"] = "crm-42" }, null, "k");

        Assert.Equal("crm-42", Assert.Single(Assert.Single(MetaUpload.ForAdd(sync, [row], 2026).Rows).Values));
        var hashed = MetaUpload.ForAdd(sync with { Hash = ["customer_ref"] }, [row], 2026);
        Assert.Equal(IdentifierHash.Sha256("crm-42"), Assert.Single(Assert.Single(hashed.Rows).Values));
    }

    [Fact]
    public void Row_without_any_usable_identifier_is_rejected_before_sending()
    {
        var empty = Row(1) with { Fields = new Dictionary<string, object?> { ["EMAIL"] = " ", ["PHONE"] = null, ["FN"] = "--" } };

        var upload = MetaUpload.ForAdd(Customers(), [empty, Row(2)], 2026);

        Assert.Equal("2", Assert.Single(upload.Rows).Change.PrimaryKey);
        var rejected = Assert.Single(upload.Settled);
        Assert.Equal((RowStatus.Rejected, "1"), (rejected.Status, rejected.PrimaryKey));
        Assert.Contains("no usable identifier", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_that_is_not_a_schema_key_stops_the_sync_naming_it()
    {
        var sync = Customers() with { Fields = [new FieldMapping("phone", "mobile")] };

        var error = Assert.Throws<DestinationFatalException>(() => MetaUpload.ForAdd(sync, [Row(1)], 2026));

        Assert.Contains("'mobile'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PHONE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_id_round_trips_keys_and_hashes_and_skips_empty_slots()
    {
        var id = MetaMemberId.Format(["EMAIL", "PHONE", "FN"], ["aa", "", "cc"]);

        Assert.Equal("EMAIL=aa;FN=cc", id);
        Assert.Equal(new Dictionary<string, string> { ["EMAIL"] = "aa", ["FN"] = "cc" }, MetaMemberId.Parse(id));
        Assert.Empty(MetaMemberId.Parse("not-a-member-id"));
    }
}
