namespace ReverseEtlDbt.Warehouse.Guard;

/// <summary>
/// The runtime contract guard's verdict for one sync. <see cref="Passed"/> is false when any mismatch is
/// fatal; then the sync must stop before any destination request.
/// </summary>
public sealed record ContractGuardResult(RelationName Relation, IReadOnlyList<ContractMismatch> Mismatches)
{
    public bool Passed => !Mismatches.Any(m => m.IsFatal);

    /// <summary>The relation's real columns as read (empty when it does not exist or when checked without reading).</summary>
    public IReadOnlyList<WarehouseColumn> Columns { get; init; } = [];

    /// <summary>The real type of <paramref name="column"/> (case-insensitive), or null when unknown.</summary>
    public string? TypeOf(string column) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))?.DataType;

    public IEnumerable<ContractMismatch> Errors => Mismatches.Where(m => m.IsFatal);

    public IEnumerable<ContractMismatch> Warnings => Mismatches.Where(m => !m.IsFatal);

    /// <summary>The table to print, dbt-style; warnings are included only when asked for.</summary>
    public MismatchTable ToMismatchTable(string modelName, string? file, bool includeWarnings = false) =>
        new(modelName, file, Mismatches
            .Where(m => m.IsFatal || includeWarnings)
            .Select(m => new MismatchTableRow(m.ColumnName, m.DefinitionType ?? "", m.ContractType ?? "", m.Reason))
            .ToList());
}
