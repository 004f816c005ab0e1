using System.Diagnostics;
using System.Text;
using ReverseEtlDbt.Tests.Example;

namespace ReverseEtlDbt.Tests.Support;

/// <summary>
/// <c>retl</c> as a child process (<c>dotnet retl.dll ...</c>), with the harness' env vars, its output drained, so it
/// can be killed like a real runner, or signalled once it has said something. It holds the DuckDB file while it runs:
/// do not open it meanwhile.
/// </summary>
public sealed class RetlProcess
{
    private readonly Process process;
    private readonly StringBuilder stdoutText = new();
    private readonly StringBuilder stderrText = new();
    private readonly Task stdout;
    private readonly Task stderr;

    private RetlProcess(Process process)
    {
        this.process = process;
        stdout = CollectAsync(process.StandardOutput, stdoutText);
        stderr = CollectAsync(process.StandardError, stderrText);
    }

    /// <summary>The child's process id (its lock holder is <c>host:pid</c>).</summary>
    public int Id { get; private init; }

    /// <summary>
    /// <c>env --default-signal=INT dotnet</c>: a test runner started in the background by a script ignores SIGINT, and
    /// its children would inherit that, so a test that sends Ctrl-C would depend on how the runner was started.
    /// </summary>
    public static IReadOnlyList<string> SignalableDotnet { get; } = ["--default-signal=INT", "dotnet"];

    /// <summary>The built <c>retl.dll</c>, same configuration as this test assembly when it exists.</summary>
    public static string DllPath { get; } = FindDll();

    public static RetlProcess Start(SyncHarness harness, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = harness.ProjectDir,
        };
        foreach (var arg in SignalableDotnet) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in harness.Environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        return new RetlProcess(process) { Id = process.Id };
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (polled), then <paramref name="delay"/> more, then kills the process
    /// tree (SIGKILL). True when it was killed; false when it ended on its own first.
    /// </summary>
    public async Task<bool> KillWhenAsync(Func<bool> condition, TimeSpan delay)
    {
        try
        {
            while (!condition() && !process.HasExited) await Task.Delay(10);
            if (!process.HasExited) await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(delay));
            if (process.HasExited) return false;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return true;
        }
        finally
        {
            await Task.WhenAll(stdout, stderr);
            process.Dispose();
        }
    }

    public async Task<CliRun> WaitAsync(TimeSpan? timeout = null)
    {
        using var timer = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await Task.WhenAll(stdout, stderr);
            throw new TimeoutException("retl did not finish in time:\n" + Text(stdoutText) + Text(stderrText));
        }
        await Task.WhenAll(stdout, stderr);
        var run = new CliRun(process.ExitCode, Text(stdoutText), Text(stderrText));
        process.Dispose();
        return run;
    }

    /// <summary>
    /// Waits until the process has written <paramref name="text"/> (to stdout or stderr), so a test acts on what the
    /// process has provably done rather than on how long it usually takes.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        using var patience = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var ended = process.HasExited && stdout.IsCompleted && stderr.IsCompleted; // read first: its output is complete then
            var output = Text(stdoutText) + Text(stderrText);
            if (output.Contains(text, StringComparison.Ordinal)) return;
            if (ended) throw new InvalidOperationException($"retl exited before writing '{text}':\n{output}");
            if (patience.IsCancellationRequested) throw new TimeoutException($"retl did not write '{text}' in time:\n{output}");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static async Task CollectAsync(StreamReader reader, StringBuilder text)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
            lock (text) text.Append(buffer, 0, read);
    }

    private static string Text(StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    private static string FindDll()
    {
        var dir = Path.GetDirectoryName(DbtStandInProcess.DllPath)!; // tests/DbtStandIn/bin/<cfg>/net10.0
        var configuration = Path.GetFileName(Path.GetDirectoryName(dir))!;
        var candidates = new[] { configuration, configuration == "Release" ? "Debug" : "Release" }
            .Select(c => Path.Combine(TestPaths.RepoRoot, "src", "ReverseEtlDbt.Cli", "bin", c, "net10.0", "retl.dll"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("retl.dll not built; run `dotnet build ReverseEtlDbt.sln` first.", candidates.First());
    }
}
