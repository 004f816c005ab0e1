using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReverseEtlDbt.Definitions;

/// <summary>
/// <c>retl_connections.yml</c>: named connections (where to send, with what credentials). Found at
/// <c>--connections</c>, else <c>RETL_CONNECTIONS</c>, else the project dir.
/// </summary>
public sealed record ConnectionsFile(string? Path, IReadOnlyDictionary<string, ConnectionConfig> Connections)
{
    public const string DefaultFileName = "retl_connections.yml";
    public const string EnvironmentVariable = "RETL_CONNECTIONS";

    public static ConnectionsFile Empty { get; } = new(null, new Dictionary<string, ConnectionConfig>());

    /// <summary>The file to read, or null when none exists (an explicit path that does not exist is still returned).</summary>
    public static string? Locate(string projectDir, string? explicitPath, Func<string, string?> environment)
    {
        if (explicitPath is { Length: > 0 }) return System.IO.Path.GetFullPath(explicitPath);
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnv) return System.IO.Path.GetFullPath(fromEnv);
        return new[] { DefaultFileName, "retl_connections.yaml" }
            .Select(name => System.IO.Path.Combine(projectDir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Why <paramref name="path"/> cannot be the connections file (missing, or a directory), or null.</summary>
    private static Diagnostic? Unreadable(string path, string displayPath)
    {
        if (System.IO.File.Exists(path)) return null;
        if (!Directory.Exists(path))
            return new Diagnostic
            {
                Code = "connections_not_found", Message = $"Connections file not found: {displayPath}",
                Hint = $"Create {DefaultFileName} in the project dir, or pass --connections / set {EnvironmentVariable}.",
            };
        var inside = System.IO.Path.Combine(path, DefaultFileName);
        return new Diagnostic
        {
            Code = "connections_not_found", Message = $"The connections file given is a directory, not a file: {displayPath}",
            Hint = System.IO.File.Exists(inside)
                ? $"Pass the file itself: --connections {System.IO.Path.Combine(displayPath, DefaultFileName)}"
                : $"Pass the path of the YAML file (--connections or {EnvironmentVariable}), e.g. {System.IO.Path.Combine(displayPath, DefaultFileName)}.",
        };
    }

    /// <summary>Reads the file. Problems (not YAML, a connection without <c>type</c>) come back as diagnostics.</summary>
    public static (ConnectionsFile File, IReadOnlyList<Diagnostic> Diagnostics) Read(
        string path, string displayPath, Func<string, string?> environment)
    {
        var diagnostics = new List<Diagnostic>();
        if (Unreadable(path, displayPath) is { } missing)
        {
            diagnostics.Add(missing);
            return (new ConnectionsFile(path, new Dictionary<string, ConnectionConfig>()), diagnostics);
        }

        YamlStream stream;
        try
        {
            stream = SafeYaml.LoadFile(path, displayPath);
        }
        catch (YamlException e)
        {
            diagnostics.Add(new Diagnostic
            {
                Code = "invalid_yaml", File = displayPath, Line = e.Start.Line > 0 ? (int)e.Start.Line : null,
                Message = $"{displayPath} is not valid YAML: {e.InnerException?.Message ?? e.Message}",
            });
            return (new ConnectionsFile(path, new Dictionary<string, ConnectionConfig>()), diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new Diagnostic
            {
                Code = "connections_unreadable", File = displayPath, Message = $"Cannot read connections file {displayPath}: {e.Message}",
                Hint = "Check the file's permissions (retl only needs to read it).",
            });
            return (new ConnectionsFile(path, new Dictionary<string, ConnectionConfig>()), diagnostics);
        }

        var connections = new Dictionary<string, ConnectionConfig>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            if (stream.Documents.Count > 0)
                diagnostics.Add(Problem(displayPath, 1, "invalid_type", $"{displayPath} must be a mapping of connection names to settings"));
            return (new ConnectionsFile(path, connections), diagnostics);
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var line = (int)keyNode.Start.Line;
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                diagnostics.Add(Problem(displayPath, line, "invalid_type", "A connection's name must be a plain, non-empty string"));
                continue;
            }
            if (valueNode is not YamlMappingNode settings)
            {
                diagnostics.Add(Problem(displayPath, line, "invalid_type", $"Connection '{name}' must be a mapping of settings") with { Connection = name, KeyPath = name });
                continue;
            }
            var values = ToDictionary(settings);
            if (values.GetValueOrDefault("type") is not string type || type.Length == 0)
            {
                diagnostics.Add(Problem(displayPath, line, "missing_key", $"Connection '{name}' is missing required key 'type'") with { Connection = name, KeyPath = name });
                continue;
            }
            connections[name] = new ConnectionConfig(name, type, values, environment, displayPath, line);
        }
        return (new ConnectionsFile(path, connections), diagnostics);
    }

    private static Dictionary<string, object?> ToDictionary(YamlMappingNode mapping) =>
        mapping.Children.ToDictionary(
            kv => kv.Key is YamlScalarNode key ? key.Value ?? "" : kv.Key.ToString(),
            kv => ToValue(kv.Value),
            StringComparer.Ordinal);

    private static object? ToValue(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain } => null,
        YamlScalarNode scalar => scalar.Value,
        YamlMappingNode map => (IReadOnlyDictionary<string, object?>)ToDictionary(map),
        YamlSequenceNode list => list.Children.Select(ToValue).ToList(),
        _ => null,
    };

    private static Diagnostic Problem(string file, int line, string code, string message) =>
        new() { Code = code, Message = message, File = file, Line = line };
}
