using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.Zendesk;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations.Zendesk;

public sealed class ZendeskOptionsTests
{
    private static ZendeskOptions Read(params (string Key, string Value)[] values) =>
        ZendeskOptions.From(new ConnectionConfig("support", "zendesk", values.ToDictionary(v => v.Key, v => (object?)v.Value), _ => null));

    [Fact]
    public void Subdomain_becomes_the_zendesk_cloud_url_and_api_token_auth_is_basic_email_slash_token()
    {
        var options = Read(("subdomain", "Acme"), ("email", "a@acme.example"), ("api_token", "t0k"));

        Assert.Equal(new Uri("https://acme.zendesk.com/"), options.BaseUrl);
        var header = options.Credentials.Header();
        Assert.Equal("Basic", header.Scheme);
        Assert.Equal("a@acme.example/token:t0k", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
        Assert.Equal((ZendeskOptions.DefaultPollInterval, ZendeskOptions.DefaultJobTimeout), (options.PollInterval, options.JobTimeout));
    }

    [Fact]
    public void Base_url_wins_and_oauth_token_is_a_bearer()
    {
        var options = Read(("base_url", "http://127.0.0.1:4010"), ("oauth_token", "oa"), ("job_poll_seconds", "0.5"), ("job_timeout_seconds", "120"));

        Assert.Equal(new Uri("http://127.0.0.1:4010/"), options.BaseUrl);
        Assert.Equal(("Bearer", "oa"), (options.Credentials.Header().Scheme, options.Credentials.Header().Parameter));
        Assert.Equal((TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(120)), (options.PollInterval, options.JobTimeout));
    }

    [Fact]
    public void Missing_credentials_say_which_keys_to_add()
    {
        var error = Assert.Throws<ConfigException>(() => Read(("subdomain", "acme")));

        Assert.Contains("connection 'support'", error.Message, StringComparison.Ordinal);
        Assert.Contains("api_token", error.Hint, StringComparison.Ordinal);
        Assert.Contains("oauth_token", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_kinds_of_credentials_are_refused()
    {
        var error = Assert.Throws<ConfigException>(() => Read(("subdomain", "acme"), ("email", "a@acme.example"), ("api_token", "t"), ("oauth_token", "o")));

        Assert.Contains("both", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme.zendesk.com")]
    [InlineData("https://acme")]
    public void A_subdomain_that_is_a_url_is_refused_with_an_example(string subdomain)
    {
        var error = Assert.Throws<ConfigException>(() => Read(("subdomain", subdomain), ("oauth_token", "o")));

        Assert.Contains("`subdomain: yourcompany`", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_subdomain_nor_base_url_is_an_error()
    {
        var error = Assert.Throws<ConfigException>(() => Read(("oauth_token", "o")));

        Assert.Contains("needs 'subdomain' or 'base_url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_scrubbed_in_every_form_they_could_be_echoed()
    {
        var options = Read(("subdomain", "acme"), ("email", "a@acme.example"), ("api_token", "t0k3n-value"));
        var basic = options.Credentials.Header().Parameter!;

        var scrubbed = options.Credentials.Scrub($"token t0k3n-value and header {basic}");

        Assert.DoesNotContain("t0k3n-value", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, scrubbed, StringComparison.Ordinal);
        Assert.Equal("API token *****", options.Credentials.ToString());
    }
}
