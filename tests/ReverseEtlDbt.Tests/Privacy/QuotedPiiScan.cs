using System.Text.Json.Nodes;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Privacy;

/// <summary>
/// For a row whose destination reason quoted a PII value: the reason reached the ledger masked (so the destination
/// did quote it, and retl masked it), and the value itself appears nowhere a run leaves behind: the runs' stdout and
/// stderr (progress and log lines), sync_results.json and every target/ file, every retl_state table (rejected_rows'
/// reason and sample included) and <c>retl state rejected</c> as JSON and as a table.
/// </summary>
public static class QuotedPiiScan
{
    /// <param name="alsoAbsent">Other forms of the value that must not appear either (the hash an ad platform was sent).</param>
    public static async Task AssertMaskedEverywhereAsync(SyncHarness harness, string syncId, string value, IEnumerable<CliRun> runs, params string[] alsoAbsent)
    {
        var json = await harness.RunAsync("state", "rejected", "--sync", syncId, "--output", "json");
        var table = await harness.RunAsync("state", "rejected", "--sync", syncId);
        Assert.True(json.ExitCode == 0, json.ToString());
        var reasons = JsonNode.Parse(json.Stdout)!.AsArray().Select(r => r!["reason"]!.GetValue<string>()).ToList();
        var masked = PiiMasker.Mask(value)!;
        Assert.True(reasons.Any(r => r.Contains(masked, StringComparison.Ordinal)),
            $"no rejected reason of {syncId} quotes the value masked as '{masked}': {string.Join(" | ", reasons)}");
        await SecretLeakScan.AssertNoSecretsAsync(harness, [.. runs, json, table], [value, .. alsoAbsent]);
    }
}
