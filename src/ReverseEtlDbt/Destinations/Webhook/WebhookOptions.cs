using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Webhook;

/// <summary>A <c>webhook</c> connection, read once from the connections file.</summary>
/// <param name="Secret">The Standard Webhooks <c>whsec_…</c> secret; without one deliveries are sent unsigned.</param>
/// <param name="BatchSize">Records per delivery (<c>batch_size</c>, 1 to <see cref="MaxBatchSize"/>; default 100).</param>
/// <param name="Headers">
/// Extra request headers (<c>headers</c>); they cannot replace the signature headers. Every value is a secret: it
/// often carries a credential (<c>Authorization: Bearer …</c>), and a receiver may echo it back.
/// </param>
public sealed record WebhookOptions(Uri Url, Secret? Secret, int BatchSize, IReadOnlyDictionary<string, Secret> Headers)
{
    public const int DefaultBatchSize = 100;
    public const int MaxBatchSize = 1000;

    public static WebhookOptions From(ConnectionConfig connection)
    {
        var url = connection.RequireString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigException($"connection '{connection.Name}' key 'url' must be an http(s) URL");
        var batchSize = BatchSizeOf(connection);
        var secret = connection.GetSecret("secret");
        if (secret is not null && !WebhookSigner.TryDecodeSecret(secret, out _))
            throw new ConfigException($"connection '{connection.Name}' key 'secret' must be 'whsec_' followed by base64",
                "Use the signing secret the receiver gave you; it starts with whsec_.");
        return new WebhookOptions(uri, secret, batchSize, connection.GetMap("headers").ToDictionary(h => h.Key, h => new Secret(h.Value)));
    }

    /// <summary><c>batch_size</c> alone, so the engine can size batches without reading the rest of the connection.</summary>
    public static int BatchSizeOf(ConnectionConfig connection)
    {
        var batchSize = connection.GetInt("batch_size") ?? DefaultBatchSize;
        return batchSize is >= 1 and <= MaxBatchSize ? batchSize
            : throw new ConfigException($"connection '{connection.Name}' key 'batch_size' must be between 1 and {MaxBatchSize}, got {batchSize}");
    }

    /// <summary>
    /// What must never appear in a message: the signing secret (also its bare key), every header value, and each word
    /// of a header value long enough to be a credential (the token of <c>Bearer &lt;token&gt;</c>).
    /// </summary>
    public IEnumerable<Secret> Secrets()
    {
        if (Secret is { } signing)
        {
            yield return signing;
            if (signing.Reveal().StartsWith(WebhookSigner.SecretPrefix, StringComparison.Ordinal)) yield return new Secret(signing.Reveal()[WebhookSigner.SecretPrefix.Length..]);
        }
        foreach (var value in Headers.Values)
        {
            yield return value;
            foreach (var word in value.Reveal().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= MinCredentialWord && w != value.Reveal()))
                yield return new Secret(word);
        }
    }

    private const int MinCredentialWord = 8;
}
