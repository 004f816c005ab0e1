namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// What identifies an audience member this sync added: its non-empty schema keys and the (hashed) values sent,
/// e.g. <c>EMAIL=5e88…;PHONE=9f86…</c>. Audiences have no per-user record id, so this is the row's destination id in
/// state: mirror needs it to remove the member once the row has left the model, and the raw values are gone by then.
/// It never holds plain PII, only what was sent to Meta.
/// </summary>
internal static class MetaMemberId
{
    public static string Format(IReadOnlyList<string> schema, IReadOnlyList<string> values) =>
        string.Join(';', schema.Select((key, i) => (key, value: values[i])).Where(p => p.value.Length > 0).Select(p => $"{p.key}={p.value}"));

    /// <summary>The keys and values of a member id; an empty map for anything that is not one.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? memberId)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (memberId ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && MetaSchemaKeys.Canonical(part[..equals]) is { } key) parts[key] = part[(equals + 1)..];
        }
        return parts;
    }
}
