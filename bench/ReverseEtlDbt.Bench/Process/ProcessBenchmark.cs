using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.Webhook;

// Not ReverseEtlDbt.Bench.Process: that namespace would hide System.Diagnostics.Process from the other benchmarks.
namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>
/// Whole processes, measured from outside as a user meets them: <c>retl plan</c> (a fresh process per run) against the
/// bare diff SQL in a fresh process of its own (<see cref="BareDiffChild"/>), same machine, same run, per model size
/// with 0 % and 1 % of rows changed: wall time (best of the rounds), peak RSS, and the ratios; and the peak RSS of a
/// first full <c>retl sync</c> of every row to the webhook emulator. Build Release first
/// (<c>dotnet build ReverseEtlDbt.sln -c Release</c>). See <see cref="ProcessBenchOptions"/> for the arguments.
/// Exits 1 only when something failed to run or counted wrong; missed targets are reported, not failed.
/// </summary>
public sealed class ProcessBenchmark : IBenchmark
{
    public string Name => "process";

    public string Description => "retl plan / first sync as child processes vs the bare diff SQL in a fresh process (time, peak RSS, ratios)";

    public async Task<int> RunAsync(string[] args)
    {
        if (args is [BareDiffChild.Flag, var path, ..]) return await BareDiffChild.RunAsync(path, args.Length > 2 ? args[2] : null);
        var options = ProcessBenchOptions.Parse(args);
        if (!File.Exists(options.Retl))
        {
            await Console.Error.WriteLineAsync($"retl not found at {options.Retl}: dotnet build ReverseEtlDbt.sln -c Release, or pass --retl=");
            return 2;
        }
        Console.WriteLine($"retl: {options.Retl}\nDuckDB memory_limit: {options.MemoryLimit ?? "DuckDB's default"}; rounds: {options.Rounds}; "
            + $"load: {File.ReadAllText("/proc/loadavg").Trim()}; cores: {Environment.ProcessorCount}");
        var figures = new List<SizeFigures>();
        var failures = new List<string>();
        foreach (var rows in options.Sizes)
        {
            try
            {
                figures.Add(await MeasureSizeAsync(rows, options, failures));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
            {
                failures.Add($"{rows:N0} rows: {e.Message}");
            }
        }
        ProcessReport.Write(figures, options);
        foreach (var failure in failures) Console.WriteLine($"FAILED {failure}");
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<SizeFigures> MeasureSizeAsync(long rows, ProcessBenchOptions options, List<string> failures)
    {
        var figures = new SizeFigures(rows);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var project = BenchProject.Create(rows, options.MemoryLimit);
        project.Keep = options.Keep;
        Console.WriteLine($"{rows:N0} rows: model built in {clock.Elapsed.TotalSeconds:F1}s");
        if (options.SyncSizes.Contains(rows))
        {
            figures.Sync = await FirstSyncAsync(project, options);
            Check(figures.Sync, $"{rows:N0} rows, first sync", failures);
            var sent = AddedBy(project, figures.Sync);
            if (sent != rows) failures.Add($"{rows:N0} rows, first sync: retl reported {sent:N0} rows added");
            Console.WriteLine($"  first sync: {figures.Sync.Seconds:F1}s, peak RSS {figures.Sync.PeakMiB:F0} MiB");
        }
        else
        {
            await StateSeeder.SeedAsync(project);
        }

        foreach (var percent in options.ChangedPercents.Order())
        {
            var expected = percent == 0 ? 0 : project.ChangeOnePercent();
            ChildRun? plan = null, bare = null;
            var ratios = figures.RoundRatios[percent] = [];
            for (var round = 0; round < options.Rounds; round++)
            {
                var b = await BareAsync(project, options.MemoryLimit);
                var p = await PlanAsync(project, options);
                bare = bare?.Best(b) ?? b;
                plan = plan?.Best(p) ?? p;
                ratios.Add(p.Seconds / b.Seconds);
                var where = $"{rows:N0} rows, {percent} % changed, round {round + 1}";
                if (Check(b, $"{where}, bare", failures) && long.Parse(b.Output.Trim(), CultureInfo.InvariantCulture) != expected)
                    failures.Add($"{where}: bare diff counted {b.Output.Trim()}, expected {expected:N0}");
                if (Check(p, $"{where}, plan", failures) && ChangedBy(project) != expected)
                    failures.Add($"{where}: retl plan counted {ChangedBy(project):N0} changed, expected {expected:N0}");
            }
            figures.Diffs[percent] = (plan!, bare!);
            Console.WriteLine($"  {percent} % changed: plan {plan!.Seconds:F2}s {plan.PeakMiB:F0} MiB, bare {bare!.Seconds:F2}s {bare.PeakMiB:F0} MiB");
        }
        return figures;
    }

    private static Task<ChildRun> PlanAsync(BenchProject project, ProcessBenchOptions options) =>
        ChildRun.RunAsync(options.Retl, ["plan", "--project-dir", project.Dir, "--sync", BenchProject.SyncId]);

    private static Task<ChildRun> BareAsync(BenchProject project, string? memoryLimit)
    {
        var self = Environment.ProcessPath!;
        List<string> args = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(ProcessBenchmark).Assembly.Location] : [];
        args.AddRange(["process", BareDiffChild.Flag, project.DatabasePath]);
        if (memoryLimit is not null) args.Add(memoryLimit);
        return ChildRun.RunAsync(self, args);
    }

    /// <summary>Every row to a fresh webhook emulator in this process (signed deliveries of 1,000 rows, no limit to speak of).</summary>
    private static async Task<ChildRun> FirstSyncAsync(BenchProject project, ProcessBenchOptions options)
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var url = WebhookEmulator.Url(host.BaseUrl).ToString();
        return await ChildRun.RunAsync(options.Retl, ["sync", "--project-dir", project.Dir, "--sync", BenchProject.SyncId],
            new Dictionary<string, string> { [BenchProject.WebhookUrlVariable] = url });
    }

    private static bool Check(ChildRun run, string what, List<string> failures)
    {
        if (run.ExitCode == 0) return true;
        failures.Add($"{what}: exit code {run.ExitCode}\n{string.Join('\n', run.Output.Split('\n').TakeLast(15))}");
        return false;
    }

    private static long AddedBy(BenchProject project, ChildRun run) => run.ExitCode == 0 ? Count(project, "added") : -1;

    private static long ChangedBy(BenchProject project) => Count(project, "changed") + Count(project, "added") + Count(project, "removed");

    /// <summary>A count of the sync in the last run's target/sync_results.json.</summary>
    private static long Count(BenchProject project, string kind)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Dir, "target", "sync_results.json")));
        return results.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("sync_id").GetString() == BenchProject.SyncId).GetProperty("counts").GetProperty(kind).GetInt64();
    }
}
