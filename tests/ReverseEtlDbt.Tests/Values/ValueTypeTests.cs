using System.Text.Json;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Values;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Values;

public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("DECIMAL(38,10)", ValueReading.Number)]
    [InlineData("numeric", ValueReading.Number)]
    [InlineData("HUGEINT", ValueReading.Number)]
    [InlineData("bigint", ValueReading.Native)]
    [InlineData("character varying(20)", ValueReading.Native)]
    [InlineData("double precision", ValueReading.Float)]
    [InlineData("date", ValueReading.Date)]
    [InlineData("TIMESTAMP", ValueReading.Timestamp)]
    [InlineData("TIMESTAMP_NS", ValueReading.Timestamp)]
    [InlineData("timestamp with time zone", ValueReading.TimestampUtc)]
    [InlineData("interval", ValueReading.Text)]
    [InlineData("INTEGER[]", ValueReading.Text)]
    [InlineData(null, ValueReading.Unknown)]
    public void Column_type_chooses_how_its_values_are_read(string? type, ValueReading reading) =>
        Assert.Equal(reading, ValueReadings.For(type));

    [Theory]
    [InlineData("1234567890123456789012345678.0123456789")]
    [InlineData("-99999999999999999999999999999999999999")]
    [InlineData("0.000")]
    [InlineData("1e-7")]
    public void Exact_number_serialises_as_a_raw_json_number_with_every_digit(string digits)
    {
        var number = ExactNumber.TryParse(digits)!;

        Assert.Equal($$"""{"n":{{digits}}}""", JsonSerializer.Serialize(new Dictionary<string, object?> { ["n"] = number }));
        Assert.Equal(digits, JsonSerializer.Deserialize<ExactNumber>(digits)!.Text);
        Assert.Equal(digits, PlanReport.Format(number));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("01")]
    [InlineData(".5")]
    [InlineData("")]
    public void Text_that_is_not_a_json_number_is_not_an_exact_number(string text) => Assert.Null(ExactNumber.TryParse(text));

    [Theory]
    [InlineData("2024-01-02 03:04:05", false, "2024-01-02T03:04:05")]
    [InlineData("2024-01-02 03:04:05.123456789", false, "2024-01-02T03:04:05.123456789")]
    [InlineData("2024-01-02 03:04:05.5", true, "2024-01-02T03:04:05.5Z")]
    [InlineData("2024-01-02 03:04:05+00", true, "2024-01-02T03:04:05Z")]
    [InlineData("0001-01-01 00:00:00", false, "0001-01-01T00:00:00")]
    public void Timestamp_keeps_every_fractional_digit_and_gets_z_only_in_utc(string text, bool utc, string iso)
    {
        var timestamp = ExactTimestamp.TryParse(text, utc)!;

        Assert.Equal(iso, timestamp.Iso);
        Assert.Equal($"\"{iso}\"", JsonSerializer.Serialize(timestamp));
    }

    [Theory]
    [InlineData("infinity")]
    [InlineData("-infinity")]
    [InlineData("10000-01-01 00:00:00")]
    [InlineData("0044-03-15 00:00:00 BC")]
    [InlineData("2024-02-30 00:00:00")]
    [InlineData("2024-01-02 03:04:05+01")]
    public void Timestamps_a_destination_cannot_read_are_refused(string text) => Assert.Null(ExactTimestamp.TryParse(text, utc: true));

    [Fact]
    public void Unsendable_value_serialises_as_its_text_so_a_rejected_row_sample_can_be_written()
    {
        var values = new Dictionary<string, object?> { ["dbl"] = new UnsendableValue("NaN", "not finite"), ["day"] = new DateOnly(2024, 2, 29) };

        Assert.Equal("""{"dbl":"NaN","day":"2024-02-29"}""", JsonSerializer.Serialize(values));
        Assert.Equal("2024-02-29", PlanReport.Format(new DateOnly(2024, 2, 29)));
    }
}
