using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Privacy;
using Xunit;

namespace ReverseEtlDbt.Tests.Privacy;

public sealed class ScrubberTests
{
    [Fact]
    public void A_quoted_email_is_masked_whatever_its_case_and_a_secret_becomes_stars()
    {
        var scrubber = new Scrubber(["tok-123456"], ["Kit.Doe@Example.com"]);

        var text = scrubber.Scrub("Email address kit.doe@example.com is invalid (token tok-123456)");

        Assert.Equal("Email address K***@Example.com is invalid (token *****)", text);
    }

    [Fact]
    public void A_value_is_found_as_a_json_writer_escapes_it_and_as_its_identifier_hash()
    {
        var scrubber = new Scrubber([], ["ann+1@example.com"]);

        var text = scrubber.Scrub($"{{\"email\":\"ann\\u002B1@example.com\"}} {IdentifierHash.Sha256(" ANN+1@example.com")}");

        Assert.Equal("{\"email\":\"a***@example.com\"} a***@example.com", text);
    }

    [Fact]
    public void A_short_value_is_masked_only_where_it_stands_alone()
    {
        var scrubber = new Scrubber([], ["Al", 42]);

        Assert.Equal("invalid name *** for row 420, age ***", scrubber.Scrub("invalid name Al for row 420, age 42"));
    }

    [Fact]
    public void A_longer_value_is_masked_before_a_value_inside_it()
    {
        var scrubber = new Scrubber(["Bearer abcdefgh12345"], ["abcdefgh12345"]);

        Assert.Equal("Authorization: *****", scrubber.Scrub("Authorization: Bearer abcdefgh12345"));
    }

    [Fact]
    public void Empty_and_null_values_change_nothing()
    {
        var scrubber = new Scrubber([""], [null, "", DBNull.Value]);

        Assert.Equal("nothing to hide", scrubber.Scrub("nothing to hide"));
    }

    [Fact]
    public void With_keeps_the_secrets_and_adds_the_values()
    {
        var scrubber = Scrubber.ForSecrets(new Secret("s3cr3t-value"), null).With(["bob@example.com"]);

        Assert.Equal("***** b***@example.com", scrubber.Scrub("s3cr3t-value bob@example.com"));
    }
}
