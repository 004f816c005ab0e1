using System.Text;

namespace ReverseEtlDbt.Warehouse.Guard;

/// <summary>One row of <see cref="MismatchTable"/>, with dbt's column names.</summary>
public sealed record MismatchTableRow(string ColumnName, string DefinitionType, string ContractType, string MismatchReason);

/// <summary>
/// A contract failure as dbt reports one (<c>Compilation Error in model …</c> and a table of
/// column_name / definition_type / contract_type / mismatch_reason), independent of any console renderer.
/// </summary>
public sealed record MismatchTable(string ModelName, string? File, IReadOnlyList<MismatchTableRow> Rows)
{
    public const string Explanation =
        "This model has an enforced contract that failed.\n" +
        "Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.";

    public static readonly IReadOnlyList<string> Headers = ["column_name", "definition_type", "contract_type", "mismatch_reason"];

    /// <summary>Plain text, <c>\n</c> line endings, no colour, no trailing newline.</summary>
    public string Render()
    {
        var cells = Rows.Select(r => new[] { r.ColumnName, r.DefinitionType, r.ContractType, r.MismatchReason }).ToList();
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();

        var text = new StringBuilder();
        text.Append("Compilation Error in model ").Append(ModelName);
        if (File is not null) text.Append(" (").Append(File).Append(')');
        text.Append('\n');
        foreach (var line in Explanation.Split('\n')) text.Append("  ").Append(line).Append('\n');
        text.Append('\n');
        text.Append(Line(Headers, widths)).Append('\n');
        text.Append(Line(widths.Select(w => new string('-', w)).ToList(), widths));
        foreach (var row in cells) text.Append('\n').Append(Line(row, widths));
        return text.ToString();
    }

    private static string Line(IReadOnlyList<string> values, int[] widths) =>
        "  | " + string.Join(" | ", values.Select((v, i) => v.PadRight(widths[i]))) + " |";
}
