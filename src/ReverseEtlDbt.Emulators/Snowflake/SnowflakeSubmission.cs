using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Emulators.Snowflake.Sql;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// A POST's body, read once: the SQL split into statements, its context (body fields, else the user's defaults), the
/// bindings, <c>MULTI_STATEMENT_COUNT</c> (absent means 1, 0 any), the <c>timeout</c>, and the partition size in force.
/// </summary>
internal sealed record SnowflakeSubmission(
    string Sql, List<SqlStatement> Statements, SnowflakeContext Context, JsonElement Bindings, int DesiredCount, int? Timeout, int PartitionSize)
{
    /// <summary>The submission in <paramref name="body"/>, or why it is not one (a 400).</summary>
    public static (SnowflakeSubmission? Submission, string? Problem) Parse(string body, SnowflakeEmulatorOptions options)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "Unable to parse the request body as JSON.");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statement", out var statement)
            || statement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(statement.GetString()))
            return (null, "The request body must have a non-empty 'statement'.");
        var parameters = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var desired = Text(parameters, "MULTI_STATEMENT_COUNT") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 1;
        var timeout = root.TryGetProperty("timeout", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : (int?)null;
        var context = new SnowflakeContext(
            Text(root, "database") ?? options.DefaultDatabase,
            Text(root, "schema") ?? options.DefaultSchema,
            Text(root, "warehouse") ?? options.DefaultWarehouse,
            Text(root, "role") ?? options.DefaultRole,
            Text(parameters, "QUERY_TAG"));
        var sql = statement.GetString()!;
        var bindings = root.TryGetProperty("bindings", out var b) ? b : default;
        return (new SnowflakeSubmission(sql, SqlStatement.Parse(sql), context, bindings, desired, timeout > 0 ? timeout : null,
            options.PartitionSize), null);
    }

    /// <summary>A string or number property as text (Snowflake accepts parameters either way).</summary>
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
