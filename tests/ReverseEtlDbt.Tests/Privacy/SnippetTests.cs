using ReverseEtlDbt.Destinations.Http;
using ReverseEtlDbt.Privacy;
using Xunit;

namespace ReverseEtlDbt.Tests.Privacy;

/// <summary>An answer shortened for a message never keeps half a value, which the scrubber could no longer find.</summary>
public sealed class SnippetTests
{
    [Fact]
    public void A_long_answer_is_cut_between_words_so_a_quoted_email_is_whole_or_gone()
    {
        var email = "kit.doe@example.com";
        var prefix = new string('x', DestinationHttp.SnippetLength - 10) + " \"";
        var snippet = DestinationHttp.Snippet(prefix + email + "\" is invalid");

        Assert.Equal(prefix.TrimEnd('"') + "…", snippet);
        Assert.DoesNotContain("kit", new Scrubber([], [email]).Scrub(snippet), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_answer_is_kept_whole() =>
        Assert.Equal("Email kit@example is invalid", DestinationHttp.Snippet("Email kit@example is invalid"));
}
