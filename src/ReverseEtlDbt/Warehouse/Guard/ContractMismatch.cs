using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Guard;

/// <summary>What kind of difference the guard found between a contract and the relation.</summary>
public enum ContractMismatchKind
{
    /// <summary>The relation does not exist in the warehouse.</summary>
    RelationMissing,
    /// <summary>A contract column is not in the relation (dropped or renamed).</summary>
    MissingInDefinition,
    /// <summary>A contract column's real type differs from its contract type.</summary>
    DataTypeMismatch,
    /// <summary>The sync reads a column that the contract does not declare.</summary>
    ReadButNotInContract,
    /// <summary>The relation has a column the contract does not declare and no sync reads (a warning).</summary>
    ExtraColumn,
}

/// <summary>
/// One row of the guard's mismatch table. <see cref="DefinitionType"/> is the relation's real type and
/// <see cref="ContractType"/> the contract's, either null where there is none.
/// </summary>
public sealed record ContractMismatch(
    ContractMismatchKind Kind,
    string ColumnName,
    string? DefinitionType,
    string? ContractType,
    string Reason)
{
    /// <summary>Everything stops the sync except an extra column nobody reads.</summary>
    public DiagnosticSeverity Severity =>
        Kind == ContractMismatchKind.ExtraColumn ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;

    public bool IsFatal => Severity == DiagnosticSeverity.Error;
}
