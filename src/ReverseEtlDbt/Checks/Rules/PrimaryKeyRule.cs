using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>
/// The primary key must be declared not null and unique: by constraints (<c>primary_key</c>, or <c>not_null</c> +
/// <c>unique</c>, at column or model level), or by dbt's <c>not_null</c> and <c>unique</c> data tests on that column.
/// </summary>
public sealed class PrimaryKeyRule : ICheckRule
{
    public IEnumerable<Diagnostic> Check(CheckContext context)
    {
        foreach (var definition in context.Definitions)
        {
            var model = context.Model(definition);
            var column = model.Column(definition.PrimaryKey);
            if (column is null) continue; // reported by ContractColumnsRule
            var tests = context.Manifest.TestsOf(model.UniqueId)
                .Where(t => t.Test is { } m && string.Equals(m.ColumnName, column.Name, StringComparison.OrdinalIgnoreCase))
                .Select(t => t.Test!.Name)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var constraints = ConstraintsOn(model, column).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var primary = constraints.Contains("primary_key");
            var notNull = primary || constraints.Contains("not_null") || tests.Contains("not_null");
            var unique = primary || constraints.Contains("unique") || tests.Contains("unique");
            var missing = new[] { notNull ? null : "not_null", unique ? null : "unique" }.OfType<string>().ToList();
            if (missing.Count > 0)
                yield return SyncDiagnostics.For(definition, "primary_key_not_guaranteed",
                    $"Primary key '{column.Name}' of model '{definition.ModelName}' is not declared {string.Join(" and ", missing)}",
                    "config.meta.sync.primary_key",
                    $"Add `constraints: [{{type: primary_key}}]` to column '{column.Name}', or the data tests {string.Join(" and ", missing.Select(m => $"`{m}`"))} on it.");
        }
    }

    private static IEnumerable<string> ConstraintsOn(ManifestNode model, ManifestColumn column) =>
        column.Constraints.Select(c => c.Type)
            .Concat(model.Constraints
                .Where(c => c.Columns is [var only] && string.Equals(only, column.Name, StringComparison.OrdinalIgnoreCase))
                .Select(c => c.Type));
}
