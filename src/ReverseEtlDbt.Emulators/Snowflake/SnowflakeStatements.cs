namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>Every statement handle the account has issued, and which <c>requestId</c> created which statement.</summary>
internal sealed class SnowflakeStatements
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SnowflakeStatement> byHandle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SnowflakeStatement> byRequestId = new(StringComparer.Ordinal);

    /// <summary>The statement <paramref name="requestId"/> already created (<c>Existing</c> true), else a new one from <paramref name="create"/>.</summary>
    public (SnowflakeStatement Statement, bool Existing) Submit(string? requestId, Func<SnowflakeStatement> create)
    {
        lock (gate)
        {
            if (requestId is not null && byRequestId.TryGetValue(requestId, out var existing)) return (existing, true);
            var statement = create();
            byHandle[statement.Handle] = statement;
            if (requestId is not null) byRequestId[requestId] = statement;
            return (statement, false);
        }
    }

    public void Add(SnowflakeStatement statement)
    {
        lock (gate) byHandle[statement.Handle] = statement;
    }

    public SnowflakeStatement? Find(string handle)
    {
        lock (gate) return byHandle.GetValueOrDefault(handle);
    }

    public static string NewHandle() => Guid.NewGuid().ToString();
}
