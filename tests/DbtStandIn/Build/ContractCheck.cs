using DbtStandIn.Project;

namespace DbtStandIn.Build;

/// <summary>
/// dbt's enforced-contract check: the model's columns (name and type, order ignored) must equal the contract's.
/// Types are compared after folding the usual aliases (<c>int</c>/<c>integer</c>, <c>text</c>/<c>varchar</c>, ...).
/// </summary>
public static class ContractCheck
{
    /// <summary>Returns null when the columns match, else dbt's error text with its table of mismatches.</summary>
    public static string? Compare(ProjectNode model, IReadOnlyList<(string Name, string Type)> actual)
    {
        var rows = new List<(string Column, string Definition, string Contract, string Reason)>();
        foreach (var (name, type) in actual)
        {
            var declared = model.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (declared is null) rows.Add((name, type, "", "missing in contract"));
            else if (Normalize(declared.DataType ?? "") != Normalize(type)) rows.Add((name, type, (declared.DataType ?? "").ToUpperInvariant(), "data type mismatch"));
        }
        foreach (var column in model.Columns.Where(c => !actual.Any(a => string.Equals(a.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
            rows.Add((column.Name, "", (column.DataType ?? "").ToUpperInvariant(), "missing in definition"));
        if (rows.Count == 0) return null;

        var table = Table(rows);
        return $"Compilation Error in model {model.Name} ({model.OriginalFilePath})\n" +
               "  This model has an enforced contract that failed.\n" +
               "  Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.\n\n" +
               string.Join("\n", table.Select(l => "  " + l));
    }

    /// <summary>Folds a type name to DuckDB's spelling of it.</summary>
    public static string Normalize(string type)
    {
        var t = type.Trim().ToUpperInvariant();
        if (t.StartsWith("VARCHAR(", StringComparison.Ordinal) || t.StartsWith("CHARACTER VARYING(", StringComparison.Ordinal)) return "VARCHAR";
        if (t.StartsWith("NUMERIC(", StringComparison.Ordinal)) return "DECIMAL(" + t["NUMERIC(".Length..].Replace(" ", "", StringComparison.Ordinal);
        if (t.StartsWith("DECIMAL(", StringComparison.Ordinal)) return t.Replace(" ", "", StringComparison.Ordinal);
        return t switch
        {
            "INT" or "INT4" or "INTEGER" or "SIGNED" => "INTEGER",
            "BIGINT" or "INT8" or "LONG" => "BIGINT",
            "SMALLINT" or "INT2" or "SHORT" => "SMALLINT",
            "VARCHAR" or "TEXT" or "STRING" or "CHAR" or "BPCHAR" or "CHARACTER VARYING" => "VARCHAR",
            "DOUBLE" or "FLOAT8" or "DOUBLE PRECISION" => "DOUBLE",
            "FLOAT" or "FLOAT4" or "REAL" => "FLOAT",
            "BOOL" or "BOOLEAN" or "LOGICAL" => "BOOLEAN",
            "TIMESTAMP" or "DATETIME" or "TIMESTAMP WITHOUT TIME ZONE" => "TIMESTAMP",
            "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" => "TIMESTAMP WITH TIME ZONE",
            "NUMERIC" or "DECIMAL" => "DECIMAL(18,3)",
            _ => t,
        };
    }

    private static IEnumerable<string> Table(List<(string Column, string Definition, string Contract, string Reason)> rows)
    {
        string[] header = ["column_name", "definition_type", "contract_type", "mismatch_reason"];
        var cells = rows.Select(r => new[] { r.Column, r.Definition, r.Contract, r.Reason }).ToList();
        var widths = Enumerable.Range(0, 4).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Row(string[] values) => "| " + string.Join(" | ", values.Select((v, i) => v.PadRight(widths[i]))) + " |";
        yield return Row(header);
        yield return Row(widths.Select(w => new string('-', w)).ToArray());
        foreach (var c in cells) yield return Row(c);
    }
}
