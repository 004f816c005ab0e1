using ReverseEtlDbt.Emulators;
using Xunit;

namespace ReverseEtlDbt.Tests.Emulators;

public sealed class EmulatorHostTests
{
    [Fact]
    public async Task Standalone_run_prints_where_each_api_listens_and_stops_when_cancelled()
    {
        var output = await EmulatorCalls.RunStandaloneAsync();

        Assert.Contains("HubSpot emulator: http://127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("/webhook", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hosts_run_side_by_side_on_different_ports()
    {
        await using var first = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        await using var second = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);

        Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
    }
}
