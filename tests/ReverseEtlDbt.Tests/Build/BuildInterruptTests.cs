using System.Collections.Concurrent;
using System.Diagnostics;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Build;

/// <summary>
/// Interrupting <c>retl build</c> while dbt runs: retl (a child process here, so it can be signalled) must let dbt stop
/// cleanly, sync nothing, and exit 3. The stand-in waits before building (<c>DBT_STANDIN_HANG_SECONDS</c>) and, like
/// dbt, stops on SIGINT with a "Cancelling" line.
/// </summary>
public sealed class BuildInterruptTests
{
    private const string SigInt = "INT";
    private const string SigTerm = "TERM";

    [Fact]
    public async Task Sigterm_from_an_orchestrator_is_passed_to_dbt_as_sigint_and_nothing_is_synced()
    {
        await using var scenario = await BuildScenario.StartAsync();
        var syncResults = Path.Combine(scenario.TargetDir, "sync_results.json");
        using var retl = StartBuild(scenario);
        await retl.WaitForLineAsync("Waiting 60 s before building");

        Assert.Equal(0, Kill(retl.Id, SigTerm));
        var exit = await retl.WaitForExitAsync();

        Assert.True(exit == 3, retl.Output);
        Assert.Contains("Cancelling: received SIGINT", retl.Output, StringComparison.Ordinal); // dbt got SIGINT from retl
        Assert.Contains("dbt build was interrupted before it finished: nothing was synced", retl.Output, StringComparison.Ordinal);
        Assert.Equal(0, scenario.Emulators.HubSpot.CountRequests() + scenario.Emulators.Webhook.CountRequests());
        AssertRecordsDbtFailure(syncResults);
    }

    [Fact]
    public async Task Ctrl_c_lets_dbt_stop_on_its_own_then_syncs_nothing()
    {
        await using var scenario = await BuildScenario.StartAsync();
        var syncResults = Path.Combine(scenario.TargetDir, "sync_results.json");
        using var retl = StartBuild(scenario);
        await retl.WaitForLineAsync("Waiting 60 s before building");

        // A terminal's Ctrl-C signals the whole foreground group: retl and dbt. dbt is signalled once retl has taken
        // its signal, so dbt's quick exit cannot overtake retl's handler on a busy machine.
        Assert.Equal(0, Kill(retl.Id, SigInt));
        await retl.WaitForLineAsync("Interrupted: waiting for dbt to stop");
        foreach (var child in Children(retl.Id)) Kill(child, SigInt);
        var exit = await retl.WaitForExitAsync();

        Assert.True(exit == 3, retl.Output);
        Assert.Contains("Interrupted: waiting for dbt to stop", retl.Output, StringComparison.Ordinal);
        Assert.Contains("Cancelling: received SIGINT", retl.Output, StringComparison.Ordinal);
        Assert.Equal(0, scenario.Emulators.HubSpot.CountRequests() + scenario.Emulators.Webhook.CountRequests());
        AssertRecordsDbtFailure(syncResults);
    }

    [Fact]
    public async Task Sigterm_waits_for_dbt_only_up_to_the_stop_timeout_even_when_its_children_hold_its_output()
    {
        await using var scenario = await BuildScenario.StartAsync();
        var pidFile = Path.Combine(scenario.ProjectDir, "grandchild.pid");
        // Like a shell wrapper or an adapter helper: a child of dbt that outlives it and keeps dbt's stdout open.
        var wrapper = scenario.WriteDbtWrapper(
            new Dictionary<string, string> { ["DBT_STANDIN_HANG_SECONDS"] = "60" }, prelude: $"sleep 600 & echo $! > '{pidFile}'");
        using var retl = ChildRetl.Start(["build", "--project-dir", scenario.ProjectDir, "--dbt-executable", wrapper,
            "--dbt-stop-timeout", "2", "--sync", "*__hubspot__*"]);
        try
        {
            await retl.WaitForLineAsync("Waiting 60 s before building");
            Assert.Equal(0, Kill(retl.Id, SigTerm));
            var exit = await retl.WaitForExitAsync(); // fails after 45 s: without the bound it waits for the 600 s child

            Assert.True(exit == 3, retl.Output);
            Assert.Contains("killed in 2 s if it has not stopped", retl.Output, StringComparison.Ordinal);
            Assert.Equal(0, scenario.Emulators.HubSpot.CountRequests());
            AssertRecordsDbtFailure(Path.Combine(scenario.TargetDir, "sync_results.json"));
        }
        finally
        {
            if (File.Exists(pidFile)) Kill(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture), "KILL");
        }
    }

    /// <summary>The run's record is rewritten: dbt_failed, for the run (no manifest yet) or for each selected sync.</summary>
    private static void AssertRecordsDbtFailure(string syncResults)
    {
        var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(syncResults))!;
        var errors = record["errors"]!.AsArray().Concat(record["results"]!.AsArray().SelectMany(r => r!["errors"]!.AsArray())).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("dbt_failed", e!["code"]!.GetValue<string>()));
    }

    private static ChildRetl StartBuild(BuildScenario scenario)
    {
        var wrapper = scenario.WriteDbtWrapper(new Dictionary<string, string> { ["DBT_STANDIN_HANG_SECONDS"] = "60" });
        return ChildRetl.Start(["build", "--project-dir", scenario.ProjectDir, "--dbt-executable", wrapper,
            "--sync", "*__hubspot__*", "--sync", "*__webhook__*"]);
    }

    private static IEnumerable<int> Children(int pid) =>
        File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    /// <summary>Sends <paramref name="signal"/> with kill(1); its exit code (0 when delivered).</summary>
    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }

    /// <summary><c>retl</c> as a child process whose output lines can be awaited.</summary>
    private sealed class ChildRetl : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lines = new();

        private ChildRetl(Process process) => this.process = process;

        public int Id => process.Id;

        public string Output => string.Join('\n', lines);

        public static ChildRetl Start(IReadOnlyList<string> args)
        {
            var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in RetlProcess.SignalableDotnet) start.ArgumentList.Add(arg);
            start.ArgumentList.Add(RetlProcess.DllPath);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            var process = new Process { StartInfo = start };
            var child = new ChildRetl(process);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) child.lines.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child.lines.Enqueue(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        public async Task WaitForLineAsync(string text)
        {
            using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                if (process.HasExited) throw new InvalidOperationException($"retl exited before printing '{text}':\n{Output}");
                await Task.Delay(20, timer.Token);
            }
        }

        public async Task<int> WaitForExitAsync()
        {
            using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            try
            {
                await process.WaitForExitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("retl did not stop after the signal:\n" + Output);
            }
            process.WaitForExit(); // drains the output events
            return process.ExitCode;
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
