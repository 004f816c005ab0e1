namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// The customer-file schema keys a sync's fields may map to (Marketing API, custom audience <c>users</c>), in the
/// order a request lists them. All are sent SHA-256 hashed except <c>MADID</c> and <c>EXTERN_ID</c>, which Meta takes
/// as they are unless the sync lists their column in <c>hash:</c>.
/// </summary>
public static class MetaSchemaKeys
{
    public static IReadOnlyList<string> All { get; } =
        ["EXTERN_ID", "EMAIL", "PHONE", "GEN", "DOBY", "DOBM", "DOBD", "LN", "FN", "FI", "CT", "ST", "ZIP", "MADID", "COUNTRY"];

    private static readonly Dictionary<string, int> Positions =
        All.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);

    /// <summary>The key as Meta spells it (upper case), or null when it is not a schema key.</summary>
    public static string? Canonical(string field) =>
        field.Trim().ToUpperInvariant() is var key && Positions.ContainsKey(key) ? key : null;

    /// <summary>Whether Meta expects the key's values hashed.</summary>
    public static bool IsHashed(string key) => key is not ("MADID" or "EXTERN_ID");

    /// <summary>Keys that name one person on their own; names, dates and places only match in combination.</summary>
    public static bool IsUnique(string key) => key is "EMAIL" or "PHONE" or "MADID" or "EXTERN_ID";

    /// <summary>Position of a key in <see cref="All"/>, to order a request's schema the same way every time.</summary>
    public static int Order(string key) => Positions[key];
}
