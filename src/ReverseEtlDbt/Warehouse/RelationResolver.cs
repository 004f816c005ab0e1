using System.Text;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Warehouse;

/// <summary>
/// Where a model lives in the warehouse: its manifest <c>relation_name</c> when dbt wrote one, else
/// <c>database</c>.<c>schema</c>.<c>alias</c> (a versioned model's alias defaulting to <c>&lt;name&gt;_v&lt;version&gt;</c>).
/// For DuckDB the database part is the catalog DuckDB gives the file (its stem), which is also the
/// database dbt-duckdb writes into the manifest, so the three-part name is kept as is.
/// </summary>
public static class RelationResolver
{
    public static RelationName Resolve(ManifestNode node)
    {
        if (node.Materialized == "ephemeral")
            throw new ArtifactException($"Model '{node.Name}' is ephemeral: it has no relation in the warehouse to read from");
        if (!string.IsNullOrWhiteSpace(node.RelationName)) return Parse(node.RelationName);
        if (string.IsNullOrEmpty(node.Schema))
            throw new ArtifactException($"Model '{node.Name}' ({node.UniqueId}) has neither relation_name nor schema in the manifest");

        var identifier = !string.IsNullOrEmpty(node.Alias) ? node.Alias
            : node.Version is { Length: > 0 } version ? $"{node.Name}_v{version}"
            : node.Name;
        return new RelationName(string.IsNullOrEmpty(node.Database) ? null : node.Database, node.Schema, identifier);
    }

    /// <summary>Parses a 2- or 3-part name whose parts are double-quoted (<c>""</c> escapes a quote) or bare.</summary>
    public static RelationName Parse(string relationName)
    {
        var parts = SplitParts(relationName);
        return parts.Count switch
        {
            2 => new RelationName(null, parts[0], parts[1]),
            3 => new RelationName(parts[0], parts[1], parts[2]),
            _ => throw new ArtifactException($"Cannot read relation name '{relationName}': expected schema.table or database.schema.table"),
        };
    }

    private static List<string> SplitParts(string text)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && quoted && i + 1 < text.Length && text[i + 1] == '"') { current.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == '.' && !quoted) { parts.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(c);
        }

        if (quoted) throw new ArtifactException($"Cannot read relation name '{text}': unclosed quote");
        parts.Add(current.ToString().Trim());
        return parts.Any(p => p.Length == 0)
            ? throw new ArtifactException($"Cannot read relation name '{text}': empty part")
            : parts;
    }
}
