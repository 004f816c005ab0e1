using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>
/// Each sync names a connection that exists, of a known <c>type</c>, whose keys that type accepts and requires.
/// Values are not rendered: env vars need not be set for <c>retl check</c>.
/// </summary>
public sealed partial class ConnectionRule : ICheckRule
{
    /// <summary>Keys every connection type takes.</summary>
    public static readonly IReadOnlySet<string> CommonKeys =
        new HashSet<string>(StringComparer.Ordinal) { "type", "rate_limit", "max_concurrency", "timeout_seconds", "max_retry_wait" };

    public IEnumerable<Diagnostic> Check(CheckContext context)
    {
        var used = context.Syncs.Select(s => s.Connection).ToHashSet(StringComparer.Ordinal);
        foreach (var sync in context.Syncs.Where(s => !context.Connections.Connections.ContainsKey(s.Connection)))
        {
            var names = context.Connections.Connections.Keys.Order(StringComparer.Ordinal).ToList();
            var where = context.Connections.Path ?? ConnectionsFile.DefaultFileName;
            yield return SyncDiagnostics.For(sync, "unknown_connection",
                names.Count == 0
                    ? $"Sync '{sync.Id}' uses connection '{sync.Connection}', but no connection was read from {where}"
                    : $"Sync '{sync.Id}' uses connection '{sync.Connection}', which is not in {where}",
                "connection",
                names.Count == 0 ? $"Define it in {ConnectionsFile.DefaultFileName} (see the connections file error above)." : DidYouMean.Hint(sync.Connection, names, "connections"));
        }
        foreach (var connection in context.Connections.Connections.Values.Where(c => used.Contains(c.Name)))
            foreach (var diagnostic in CheckConnection(connection, context.Registry)) yield return diagnostic;
    }

    private static IEnumerable<Diagnostic> CheckConnection(ConnectionConfig connection, DestinationRegistry registry)
    {
        if (registry.Find(connection.Type) is not { } factory)
        {
            yield return Problem(connection, "unknown_connection_type", $"Connection '{connection.Name}' has unknown type '{connection.Type}'",
                DidYouMean.Hint(connection.Type, registry.Types.ToList(), "types"));
            yield break;
        }
        var known = CommonKeys.Concat(factory.Keys).ToList();
        foreach (var key in connection.Keys.Where(k => !known.Contains(k)))
            yield return Problem(connection, "unknown_key", $"Unknown key '{key}' in connection '{connection.Name}' (type {connection.Type})",
                DidYouMean.Hint(key, known));
        foreach (var key in factory.RequiredKeys.Where(k => !connection.Has(k)))
            yield return Problem(connection, "missing_key", $"Connection '{connection.Name}' (type {connection.Type}) is missing required key '{key}'",
                $"Add `{key}:` (credentials through {{{{ env_var('...') }}}}).");
        foreach (var (message, hint) in factory.ValidateKeys(connection))
            yield return Problem(connection, "invalid_keys", $"Connection '{connection.Name}' (type {connection.Type}) {message}", hint);
        // Values are judged without the environment: a templated value is left to run time.
        foreach (var problem in ConnectionSettings.Parse(connection.WithoutTemplates(), factory).Problems)
            yield return Problem(connection, "invalid_value", Capitalised(problem.Message), problem.Hint ?? "Fix the value in the connections file.");
        if (connection.RawValue("headers") is IReadOnlyDictionary<string, object?> headers)
            foreach (var (name, value) in headers.Where(h => CredentialHeader().IsMatch(h.Key) && h.Value is string raw && !EnvVarTemplate.HasTemplate(raw)))
                yield return Problem(connection, "secret_in_file",
                    $"Connection '{connection.Name}' header '{name}' holds a literal credential",
                    $"Read it from the environment: `{name}: \"Bearer {{{{ env_var('{connection.Name.ToUpperInvariant()}_TOKEN') }}}}\"`.",
                    DiagnosticSeverity.Warning);
        foreach (var key in factory.SecretKeys.Where(connection.Has))
            if (connection.RawValue(key) is string raw && !EnvVarTemplate.HasTemplate(raw))
                yield return Problem(connection, "secret_in_file",
                    $"Connection '{connection.Name}' key '{key}' holds a literal credential",
                    $"Read it from the environment: `{key}: \"{{{{ env_var('{connection.Name.ToUpperInvariant()}_{key.ToUpperInvariant()}') }}}}\"`.",
                    DiagnosticSeverity.Warning);
    }

    [System.Text.RegularExpressions.GeneratedRegex("auth|token|key|secret|password|cookie", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CredentialHeader();

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static Diagnostic Problem(ConnectionConfig c, string code, string message, string? hint,
        DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new() { Code = code, Message = message, Hint = hint, File = c.File, Line = c.Line, KeyPath = c.Name, Connection = c.Name, Severity = severity };
}
