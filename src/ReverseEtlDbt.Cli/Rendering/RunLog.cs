using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>
/// Log lines for machines and people: with <c>--log-format json</c> one JSON object per line with dbt-like
/// fields (<c>level</c>, <c>ts</c>, <c>code</c>, <c>msg</c>, <c>data</c>); otherwise <c>HH:mm:ss  message</c> as dbt prints.
/// </summary>
public sealed class RunLog(Terminal terminal, bool json, TimeProvider time)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private readonly Lock gate = new();

    public bool Json => json;

    public void Info(string code, string message, object? data = null) => Write("info", code, message, data);

    public void Warn(string code, string message, object? data = null) => Write("warn", code, message, data);

    public void Error(string code, string message, object? data = null) => Write("error", code, message, data);

    private void Write(string level, string code, string message, object? data)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (json)
            {
                terminal.WriteRaw(JsonSerializer.Serialize(new
                {
                    level, ts = now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture), code, msg = message, data,
                }, Compact) + "\n");
                return;
            }
            var color = level switch { "error" => "red", "warn" => "yellow", _ => null };
            var text = $"{now.ToLocalTime():HH:mm:ss}  {Markup.Escape(message)}";
            terminal.Out.MarkupLine(color is null ? text : $"[{color}]{text}[/]");
        }
    }
}
