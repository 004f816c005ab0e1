using System.Text.Json;

namespace ReverseEtlDbt.Bench.Diff;

/// <summary>Figures of one size, passed from the child process as one JSON line.</summary>
internal sealed record DiffBenchmarkResult(
    long Rows, long ExpectedChanged, double SetupSeconds,
    double DiffSeconds, double DiffCpuSeconds, long DiffRows, double DiffPeakMiB,
    double BaselineSeconds, double BaselineCpuSeconds, long BaselineRows, double BaselinePeakMiB, double ManagedPeakMiB,
    double PkDiffSeconds, double PkDiffCpuSeconds, long PkDiffRows, double PkBaselineSeconds, double PkBaselineCpuSeconds, long PkBaselineRows)
{
    public string ToJson() => JsonSerializer.Serialize(this);
    public static DiffBenchmarkResult? FromJson(string line) => JsonSerializer.Deserialize<DiffBenchmarkResult>(line);
}
