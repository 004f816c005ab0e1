using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.HubSpot;
using ReverseEtlDbt.Emulators.Zendesk;
using Xunit;

namespace ReverseEtlDbt.Tests.Emulators;

public sealed class EmulatorHostTests
{
    [Fact]
    public async Task Standalone_run_prints_where_each_api_listens_and_stops_when_cancelled()
    {
        var output = await EmulatorCalls.RunStandaloneAsync();

        // dbt_example/demo.sh and people read these lines: same order and wording whatever emulators are discovered.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var baseUrl = lines[0]["HubSpot emulator: ".Length..lines[0].IndexOf(' ', "HubSpot emulator: ".Length)];
        Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/$", baseUrl);
        Assert.Equal(
        [
            $"HubSpot emulator: {baseUrl} (token: emulator-token)",
            $"Salesforce emulator: {baseUrl} (client_id: emulator-client-id, client_secret: emulator-client-secret)",
            $"Webhook receiver: {baseUrl}webhook (secret: whsec_cmV0bC1lbXVsYXRvci13ZWJob29rLXNlY3JldC0zMmI=)",
            $"Meta Custom Audiences emulator: {baseUrl} (access_token: emulator-token)",
            $"Zendesk emulator: {baseUrl} (email: agent@example.com, api_token: emulator-zendesk-token)",
            $"Snowflake SQL API emulator: {baseUrl} (account: EMULATOR, user: RETL, oauth token: emulator-snowflake-oauth, "
                + "programmatic access token: emulator-snowflake-pat, key-pair JWT: any)",
            "Press Ctrl+C to stop.",
        ], lines);
    }

    [Fact]
    public async Task Two_hosts_run_side_by_side_on_different_ports()
    {
        await using var first = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        await using var second = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);

        Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
    }

    [Fact]
    public async Task Each_discovered_emulator_runs_on_the_options_given_for_it()
    {
        var options = new EmulatorOptions { Zendesk = { Email = "ops@example.com" }, HubSpot = new HubSpotEmulatorOptions { ValidToken = "t-1" } };
        await using var host = await EmulatorHost.StartAsync(options, CancellationToken.None);

        Assert.Same(options.Zendesk, host.Zendesk.Options);
        Assert.Equal("ops@example.com", host.Zendesk.Options.Email);
        Assert.Equal("t-1", host.HubSpot.Options.ValidToken);
        Assert.Same(host.HubSpot, host.Get<HubSpotEmulator>());
        Assert.NotSame(host.HubSpot.Faults, host.Zendesk.Faults); // faults set on one API never hit another
    }

    [Fact]
    public void A_copy_of_the_options_shares_each_emulators_options_until_one_is_replaced()
    {
        var options = new EmulatorOptions();
        var copy = options with { Port = 4010 };

        Assert.Same(options.Zendesk, copy.Zendesk);
        copy.Zendesk = new ZendeskEmulatorOptions { HoldJobs = true };
        Assert.False(options.Zendesk.HoldJobs);
        Assert.Throws<ArgumentException>(() => options.Of<EmulatorOptions>()); // configures no emulator
    }
}
