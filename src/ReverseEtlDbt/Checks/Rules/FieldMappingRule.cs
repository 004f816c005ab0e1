using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>
/// Each destination field is written by one thing only: two mapped columns, a mapped column and a <c>static</c>
/// value, or the match column and another mapped column aimed at one field would send only one of them, silently.
/// <c>allow_pii</c> names columns of the model, and no field name is empty.
/// </summary>
public sealed class FieldMappingRule : ICheckRule
{
    public IEnumerable<Diagnostic> Check(CheckContext context)
    {
        foreach (var sync in context.Syncs)
        {
            foreach (var clash in sync.Fields.GroupBy(f => f.Field, StringComparer.Ordinal).Where(g => g.Count() > 1))
                yield return SyncDiagnostics.For(sync, "duplicate_field",
                    $"Columns {string.Join(" and ", clash.Select(f => $"'{f.Column}'"))} of sync '{sync.Id}' are all mapped to field '{clash.Key}': only one would be sent",
                    $"fields.{clash.Last().Column}", "Map each column to its own destination field.");
            foreach (var field in sync.Fields.Where(f => sync.Static.ContainsKey(f.Field)))
                yield return SyncDiagnostics.For(sync, "duplicate_field",
                    $"Field '{field.Field}' of sync '{sync.Id}' is both mapped from column '{field.Column}' and set in `static`",
                    $"static.{field.Field}", "Keep one: the mapped column or the constant.");
            if (sync.Match is { } match && sync.Fields.FirstOrDefault(f => f.Field == match.Field
                    && !string.Equals(f.Column, match.Column, StringComparison.OrdinalIgnoreCase)) is { } other)
                yield return SyncDiagnostics.For(sync, "duplicate_field",
                    $"Match field '{match.Field}' of sync '{sync.Id}' is also mapped from another column, '{other.Column}'",
                    $"fields.{other.Column}", $"Map '{other.Column}' to another field, or match on '{other.Column}'.");
            foreach (var name in sync.Static.Keys.Where(string.IsNullOrWhiteSpace))
                yield return SyncDiagnostics.For(sync, "invalid_value", $"Sync '{sync.Id}' has a `static` field with an empty name", "static",
                    "Name the destination field each constant goes to.");
            var model = context.Model(sync);
            foreach (var (column, i) in sync.AllowPii.Select((c, i) => (c, i)).Where(c => model.Column(c.c) is null))
                yield return SyncDiagnostics.For(sync, "column_not_in_contract",
                    $"allow_pii of sync '{sync.Id}' names '{column}', which is not a column of model '{sync.ModelName}'", $"allow_pii[{i}]",
                    DidYouMean.Suggest(column, model.Columns.Select(c => c.Name)) is { } near ? $"Did you mean '{near}'?" : "List model columns only.");
        }
    }
}
