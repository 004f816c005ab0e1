using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse.Snowflake.Api;

/// <summary>
/// The JSON body of <c>POST /api/v2/statements</c>. The session context fields must match the case <c>SHOW</c> returns,
/// so names the profile writes unquoted are folded to upper case as Snowflake folds them; quoted ones keep their case.
/// </summary>
internal static class SnowflakeRequestBody
{
    public static byte[] Write(SnowflakeStatement statement, SnowflakeProfileTarget target, string? queryTag)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("statement", statement.Sql);
            if (statement.TimeoutSeconds is { } timeout) json.WriteNumber("timeout", timeout);
            WriteName(json, "database", target.Database);
            WriteName(json, "schema", target.Schema);
            WriteName(json, "warehouse", target.Warehouse);
            WriteName(json, "role", target.Role);
            if (statement.Bindings.Count > 0) WriteBindings(json, statement.Bindings);
            json.WriteStartObject("parameters");
            if (queryTag is not null) json.WriteString("QUERY_TAG", queryTag);
            json.WriteString("MULTI_STATEMENT_COUNT", statement.StatementCount.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary><c>my_db</c> → <c>MY_DB</c>; <c>"My Db"</c> → <c>My Db</c> (Snowflake's identifier folding).</summary>
    public static string FoldName(string name) =>
        name.Length >= 2 && name[0] == '"' && name[^1] == '"' ? name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
        : name.ToUpperInvariant();

    private static void WriteName(Utf8JsonWriter json, string field, string? name)
    {
        if (name is not null) json.WriteString(field, FoldName(name));
    }

    private static void WriteBindings(Utf8JsonWriter json, IReadOnlyList<SnowflakeBinding> bindings)
    {
        json.WriteStartObject("bindings");
        for (var i = 0; i < bindings.Count; i++)
        {
            json.WriteStartObject((i + 1).ToString(CultureInfo.InvariantCulture));
            json.WriteString("type", bindings[i].Type);
            if (bindings[i].Value is { } value) json.WriteString("value", value);
            else json.WriteNull("value");
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
