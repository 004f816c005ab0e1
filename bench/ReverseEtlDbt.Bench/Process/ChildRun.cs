using System.Diagnostics;

namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>What one child process took: wall time from start to exit, its peak RSS, its exit code and output.</summary>
internal sealed record ChildRun(double Seconds, double PeakMiB, int ExitCode, string Output)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Starts <paramref name="file"/> and samples its <c>VmHWM</c> (the kernel's own peak RSS, so a sample only has to
    /// come after the peak, not during it) until it exits.
    /// </summary>
    public static async Task<ChildRun> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        var status = $"/proc/{child.Id}/status";
        long peakKb = 0;
        while (!child.HasExited)
        {
            peakKb = Math.Max(peakKb, ReadPeakKb(status));
            await Task.Delay(SampleEvery);
        }
        await child.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        return new ChildRun(seconds, peakKb / 1024.0, child.ExitCode, await output + await error);
    }

    /// <summary>Best of several runs: the least wall time, the highest peak (a failed run wins, so it is reported).</summary>
    public ChildRun Best(ChildRun other) => ExitCode != 0 ? this : other.ExitCode != 0 ? other
        : new(Math.Min(Seconds, other.Seconds), Math.Max(PeakMiB, other.PeakMiB), 0, other.Output);

    private static long ReadPeakKb(string status)
    {
        try
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // exited between the check and the read
        }
    }
}
