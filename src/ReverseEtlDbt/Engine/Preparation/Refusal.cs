using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Engine.Preparation;

/// <summary>Why a selected sync may not run, as the errors of its result: each names the file, model or connection, and key.</summary>
internal static class Refusal
{
    /// <summary>The diagnostics that concern <paramref name="sync"/>: its own, its connection's, its model's, and the run's.</summary>
    public static bool Concerns(Diagnostic d, DestinationSync sync) =>
        d.SyncId is not null ? string.Equals(d.SyncId, sync.Id, StringComparison.OrdinalIgnoreCase)
        : d.Connection is not null ? d.Connection == sync.Connection
        : d.Model is null || d.Model == sync.ModelName;

    public static SyncOutcome Of(DestinationSync sync, IEnumerable<Diagnostic> diagnostics) => new()
    {
        Sync = sync,
        Errors = diagnostics.Select(d => new SyncError(OutcomeCode.CheckFailed, Describe(d)))
            .DefaultIfEmpty(new SyncError(OutcomeCode.ConfigError, $"Sync '{sync.Id}' cannot run: connection '{sync.Connection}' is not defined or has an unknown type"))
            .ToList(),
    };

    public static SyncOutcome Of(DestinationSync sync, IEnumerable<ConfigException> problems) => new()
    {
        Sync = sync,
        Errors = problems.Select(SyncError.Config).ToList(),
    };

    /// <summary>dbt-style: <c>[code] message (file:line, model m, key k). Hint: ...</c>.</summary>
    public static string Describe(Diagnostic d)
    {
        var where = new List<string>();
        if (d.File is not null) where.Add(d.Line is { } line ? $"{d.File}:{line}" : d.File);
        if (d.Model is not null) where.Add($"model {d.Model}");
        else if (d.Connection is not null) where.Add($"connection {d.Connection}");
        if (d.KeyPath is not null && d.Model is not null) where.Add($"key {d.KeyPath}");
        return $"[{d.Code}] {d.Message}" + (where.Count > 0 ? $" ({string.Join(", ", where)})" : "") + (d.Hint is null ? "" : $". Hint: {d.Hint}");
    }
}
