using System.Text.Json;

namespace DbtStandIn.Cli;

/// <summary>
/// When <c>DBT_STANDIN_ARGS_LOG</c> names a file, appends the received argv to it as one JSON array per line,
/// so tests can assert that a caller passed dbt's arguments through unchanged.
/// </summary>
public static class ArgsLog
{
    public static void Append(string[] args)
    {
        var path = Environment.GetEnvironmentVariable("DBT_STANDIN_ARGS_LOG");
        if (string.IsNullOrEmpty(path)) return;
        File.AppendAllText(path, JsonSerializer.Serialize(args) + "\n");
    }
}
