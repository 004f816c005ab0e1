using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Guard;

/// <summary>
/// The runtime half of DESIGN §3 rule 1: before any destination request, the relation's real columns and
/// types must match the model's contract, and every column a sync reads must be a contract column.
/// <see cref="Check"/> is pure; <see cref="CheckAsync"/> reads the relation's columns first. Column names
/// compare case-insensitively because warehouses fold unquoted names differently.
/// </summary>
public static class ContractGuard
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>Reads the model's relation from <paramref name="warehouse"/> and checks it for <paramref name="sync"/>.</summary>
    public static async Task<ContractGuardResult> CheckAsync(
        IWarehouse warehouse, ManifestNode model, DestinationSync sync, CancellationToken cancellationToken)
    {
        var relation = RelationResolver.Resolve(model);
        var columns = await warehouse.GetColumnsAsync(relation, cancellationToken);
        return Check(relation, model.Columns, sync.Columns, columns, warehouse.Dialect.Traits.IntegersAreNumbers) with { Columns = columns };
    }

    /// <param name="relationColumns">The relation's real columns in ordinal order; empty means the relation does not exist.</param>
    public static ContractGuardResult Check(
        RelationName relation,
        IReadOnlyList<ManifestColumn> contractColumns,
        IReadOnlyCollection<string> syncColumns,
        IReadOnlyList<WarehouseColumn> relationColumns,
        bool integersAreNumbers = false)
    {
        var contract = contractColumns.Select(c => c.Name).ToHashSet(Names);
        var actual = relationColumns.GroupBy(c => c.Name, Names).ToDictionary(g => g.Key, g => g.First(), Names);
        var mismatches = syncColumns
            .Distinct(Names)
            .Where(name => !contract.Contains(name))
            .Select(name => new ContractMismatch(ContractMismatchKind.ReadButNotInContract, name,
                actual.GetValueOrDefault(name)?.DataType, null, "missing in contract (read by sync)"))
            .ToList();

        if (relationColumns.Count == 0)
        {
            mismatches.Insert(0, new ContractMismatch(ContractMismatchKind.RelationMissing, relation.ToString(), null, null,
                "relation does not exist"));
            return new ContractGuardResult(relation, mismatches);
        }

        var unknown = relationColumns.Where(c => !contract.Contains(c.Name)).ToList();
        var unclaimed = unknown.ToList();
        for (var i = 0; i < contractColumns.Count; i++)
        {
            var column = contractColumns[i];
            if (actual.GetValueOrDefault(column.Name) is not { } real)
            {
                var renamedTo = RenameDetector.Guess(column.Name, column.DataType, i, relationColumns, unclaimed);
                if (renamedTo is not null) unclaimed.Remove(renamedTo);
                mismatches.Add(new ContractMismatch(ContractMismatchKind.MissingInDefinition, column.Name, null, column.DataType,
                    renamedTo is null ? "missing in definition" : $"missing in definition (renamed to {renamedTo.Name}?)"));
            }
            else if (column.DataType is { Length: > 0 } contractType && !DataTypeNormalizer.AreEquivalent(contractType, real.DataType, integersAreNumbers))
            {
                mismatches.Add(new ContractMismatch(ContractMismatchKind.DataTypeMismatch, column.Name, real.DataType, contractType,
                    "data type mismatch"));
            }
        }

        var read = syncColumns.ToHashSet(Names);
        mismatches.AddRange(unknown
            .Where(c => !read.Contains(c.Name))
            .Select(c => new ContractMismatch(ContractMismatchKind.ExtraColumn, c.Name, c.DataType, null, "extra column not in contract")));
        return new ContractGuardResult(relation, mismatches);
    }
}
