using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>Every column a sync reads (primary key, match column, fields, hash) must be a contract column with a data_type.</summary>
public sealed class ContractColumnsRule : ICheckRule
{
    public IEnumerable<Diagnostic> Check(CheckContext context)
    {
        foreach (var sync in context.Syncs)
        {
            var model = context.Model(sync);
            foreach (var (column, key) in ColumnsRead(sync))
            {
                var declared = model.Column(column);
                if (declared is null)
                {
                    var hint = DidYouMean.Suggest(column, model.Columns.Select(c => c.Name)) is { } near
                        ? $"Did you mean '{near}'? Otherwise add '{column}' to the model's columns with its data_type."
                        : $"Add '{column}' to the model's columns with its data_type.";
                    yield return SyncDiagnostics.For(sync, "column_not_in_contract",
                        $"Column '{column}' ({key}) of sync '{sync.Id}' is not a contract column of model '{sync.ModelName}'", key, hint);
                }
                else if (string.IsNullOrWhiteSpace(declared.DataType))
                {
                    yield return SyncDiagnostics.For(sync, "column_without_data_type",
                        $"Column '{column}' of model '{sync.ModelName}' has no data_type, so the contract cannot guard it", key,
                        $"Declare `data_type:` for '{column}'.");
                }
            }
        }
    }

    private static IEnumerable<(string Column, string Key)> ColumnsRead(DestinationSync sync)
    {
        yield return (sync.PrimaryKey, "primary_key");
        if (sync.Match is { } match) yield return (match.Column, "match.column");
        foreach (var field in sync.Fields) yield return (field.Column, $"fields.{field.Column}");
        foreach (var (column, i) in sync.Hash.Select((c, i) => (c, i))) yield return (column, $"hash[{i}]");
    }
}
