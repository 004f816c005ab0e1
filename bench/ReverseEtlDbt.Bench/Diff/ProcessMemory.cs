namespace ReverseEtlDbt.Bench.Diff;

/// <summary>Peak resident memory of this process (Linux <c>VmHWM</c>), resettable so one phase can be measured alone.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak RSS in MiB since start or the last <see cref="ResetPeak"/>.</summary>
    public static double PeakMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) / 1024.0;
    }

    /// <summary>Resets VmHWM to the current RSS (writing 5 to <c>/proc/self/clear_refs</c>, Linux ≥ 4.0).</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");
}
