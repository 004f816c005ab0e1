using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Searches everything a run leaves behind for secret values: console output, target/ files, state tables.</summary>
public static class SecretLeakScan
{
    /// <summary>
    /// Fails naming where a secret was found. Each secret is searched as given and, for a <c>whsec_</c> secret, also
    /// as its bare base64 key (a client that strips the prefix must not print the rest).
    /// </summary>
    public static async Task AssertNoSecretsAsync(SyncHarness harness, IEnumerable<CliRun> runs, params string[] secrets)
    {
        var places = new List<(string Where, string Text)>();
        foreach (var (run, i) in runs.Select((r, i) => (r, i)))
        {
            places.Add(($"run {i} stdout", run.Stdout));
            places.Add(($"run {i} stderr", run.Stderr));
        }
        if (Directory.Exists(harness.Target))
            foreach (var file in Directory.EnumerateFiles(harness.Target, "*", SearchOption.AllDirectories))
                places.Add((Path.GetRelativePath(harness.ProjectDir, file), File.ReadAllText(file)));
        if (File.Exists(harness.DuckDbFile)) places.Add(("retl_state tables", await harness.DumpStateAsync()));

        var needles = secrets.SelectMany(s => s.StartsWith("whsec_", StringComparison.Ordinal) ? [s, s["whsec_".Length..]] : new[] { s });
        var leaks = (from place in places
                     from needle in needles
                     where place.Text.Contains(needle, StringComparison.Ordinal)
                     select place.Where).Distinct().ToList();
        Assert.True(leaks.Count == 0, "a secret appears in: " + string.Join(", ", leaks));
        Assert.Contains(places, p => p.Where == "retl_state tables" && p.Text.Length > 0); // the scan did see state
    }
}
