using System.Globalization;

namespace ReverseEtlDbt.Definitions;

/// <summary>
/// One named connection of <c>retl_connections.yml</c>. Values keep their <c>env_var()</c> templates until
/// read, and credentials are only ever handed out as <see cref="Secret"/>.
/// </summary>
public sealed class ConnectionConfig
{
    private readonly IReadOnlyDictionary<string, object?> values;
    private readonly Func<string, string?> environment;

    public ConnectionConfig(string name, string type, IReadOnlyDictionary<string, object?> values,
        Func<string, string?> environment, string? file = null, int? line = null)
    {
        Name = name;
        Type = type;
        this.values = values;
        this.environment = environment;
        File = file;
        Line = line;
    }

    public string Name { get; }
    public string Type { get; }
    public string? File { get; }
    public int? Line { get; }
    public IEnumerable<string> Keys => values.Keys;

    public bool Has(string key) => values.ContainsKey(key);

    /// <summary>The value as written in the file, templates unrendered (for static checks).</summary>
    public object? RawValue(string key) => values.GetValueOrDefault(key);

    /// <summary>A plain (non-secret) value, rendered.</summary>
    public string? GetString(string key) =>
        values.GetValueOrDefault(key) switch
        {
            null => null,
            string s => EnvVarTemplate.Render(s, environment, Where(key)),
            var other => throw new ConfigException($"{Where(key)} must be a single value, not a {Describe(other)}"),
        };

    public string RequireString(string key) =>
        GetString(key) is { Length: > 0 } value
            ? value
            : throw new ConfigException($"{Where(key)} is required", $"Add '{key}:' to connection '{Name}'.");

    public Secret? GetSecret(string key) => GetString(key) is { } value ? new Secret(value) : null;

    public Secret RequireSecret(string key) => new(RequireString(key));

    public int? GetInt(string key) =>
        GetString(key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ConfigException($"{Where(key)} must be a whole number, got '{text}'");

    public double? GetDouble(string key) =>
        GetString(key) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ConfigException($"{Where(key)} must be a number, got '{text}'");

    /// <summary>A map of plain values (e.g. webhook <c>headers</c>), rendered.</summary>
    public IReadOnlyDictionary<string, string> GetMap(string key) =>
        values.GetValueOrDefault(key) switch
        {
            null => new Dictionary<string, string>(),
            IReadOnlyDictionary<string, object?> map => map.ToDictionary(
                kv => kv.Key,
                kv => EnvVarTemplate.Render(kv.Value?.ToString() ?? "", environment, Where($"{key}.{kv.Key}"))),
            var other => throw new ConfigException($"{Where(key)} must be a map, not a {Describe(other)}"),
        };

    /// <summary>The connection's <c>rate_limit</c> override, if any.</summary>
    public RateLimit? RateLimitOverride =>
        values.GetValueOrDefault("rate_limit") is IReadOnlyDictionary<string, object?> map
            ? new RateLimit(
                RenderInt(map, "requests"),
                TimeSpan.FromSeconds(map.ContainsKey("per_seconds") ? RenderInt(map, "per_seconds") : 1))
            : null;

    private int RenderInt(IReadOnlyDictionary<string, object?> map, string key)
    {
        var text = EnvVarTemplate.Render(map.GetValueOrDefault(key)?.ToString() ?? "", environment, Where($"rate_limit.{key}"));
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ConfigException($"{Where($"rate_limit.{key}")} must be a positive whole number, got '{text}'");
    }

    /// <summary>
    /// This connection as far as it can be judged without the environment: every value that holds an
    /// <c>env_var()</c> template is left out (and so takes its default), for static checks.
    /// </summary>
    public ConnectionConfig WithoutTemplates() =>
        new(Name, Type, values.Where(kv => !Templated(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value is IReadOnlyDictionary<string, object?> map
            ? (object?)map.Where(e => !Templated(e.Value)).ToDictionary(e => e.Key, e => e.Value)
            : kv.Value), _ => null, File, Line);

    private static bool Templated(object? value) => value is string s && EnvVarTemplate.HasTemplate(s);

    private string Where(string key) => $"connection '{Name}' key '{key}'" + (File is null ? "" : $" in {File}");

    private static string Describe(object value) => value is System.Collections.IEnumerable and not string ? "list or map" : value.GetType().Name;
}
