using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks;

/// <summary>The outcome of <c>retl check</c>: every diagnostic of the run, plus what was checked.</summary>
public sealed record CheckReport(
    IReadOnlyList<Diagnostic> Diagnostics,
    int Models,
    int Syncs,
    IReadOnlyList<string> SyncIds)
{
    public int Errors => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
    public int Warnings => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
    public bool Passed => Errors == 0;
}
