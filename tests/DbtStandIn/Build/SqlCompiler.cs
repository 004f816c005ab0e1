using System.Text.RegularExpressions;
using DbtStandIn.Project;

namespace DbtStandIn.Build;

/// <summary>
/// Renders the Jinja the example uses: <c>{{ ref('x') }}</c> becomes the relation name, <c>{{ config(...) }}</c> and
/// <c>{# comments #}</c> disappear. Anything else is left as written.
/// </summary>
public static partial class SqlCompiler
{
    [GeneratedRegex("""\{\{\s*ref\(\s*['"](?<name>[^'"]+)['"]\s*\)\s*\}\}""")]
    private static partial Regex RefCall();

    [GeneratedRegex(@"\{#.*?#\}", RegexOptions.Singleline)]
    private static partial Regex JinjaComment();

    public static string Compile(DbtProject project, ProjectNode model)
    {
        var sql = JinjaComment().Replace(NodeConfig.StripConfig(model.RawCode), "");
        return RefCall().Replace(sql, m => project.RelationName(project.Resources.First(n => n.Name == m.Groups["name"].Value)));
    }

    /// <summary>The SQL of a generic test, returning one row per failing record, as dbt's test macros do.</summary>
    public static string CompileTest(DbtProject project, DataTestNode test)
    {
        var relation = project.RelationName(test.Attached);
        var column = test.ColumnName;
        return test.TestName switch
        {
            "unique" => $"\nselect\n    {column} as unique_field,\n    count(*) as n_records\n\nfrom {relation}\nwhere {column} is not null\ngroup by {column}\nhaving count(*) > 1\n",
            "not_null" => $"\nselect {column}\nfrom {relation}\nwhere {column} is null\n",
            "accepted_values" => $"\nwith all_values as (\n    select {column} as value_field, count(*) as n_records\n    from {relation}\n    group by {column}\n)\nselect *\nfrom all_values\nwhere value_field not in ({Values(test)})\n",
            _ => Relationships(project, test, relation),
        };
    }

    private static string Values(DataTestNode test) =>
        string.Join(", ", (test.Arguments["values"]?.AsArray() ?? []).Select(v => $"'{v?.ToString().Replace("'", "''", StringComparison.Ordinal)}'"));

    private static string Relationships(DbtProject project, DataTestNode test, string relation)
    {
        var parent = project.RelationName(test.Parents[1]);
        var field = test.Arguments["field"]?.ToString();
        return $"\nwith child as (\n    select {test.ColumnName} as from_field\n    from {relation}\n    where {test.ColumnName} is not null\n),\n\nparent as (\n    select {field} as to_field\n    from {parent}\n)\n\nselect from_field\nfrom child\nleft join parent on child.from_field = parent.to_field\nwhere parent.to_field is null\n";
    }

    /// <summary>Quotes a name for DuckDB.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
