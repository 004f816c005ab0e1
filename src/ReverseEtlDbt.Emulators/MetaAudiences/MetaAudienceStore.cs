namespace ReverseEtlDbt.Emulators.MetaAudiences;

/// <summary>
/// Audience membership and upload sessions. A member is the set of non-empty identifiers of one data row; adding
/// the same set twice keeps one member, and a removal takes out the member with the same identifiers and every
/// member sharing a unique identifier (EMAIL, PHONE, MADID, EXTERN_ID) with its row: names, dates and places only
/// match in combination. Lock <see cref="Gate"/> around every use.
/// </summary>
internal sealed class MetaAudienceStore
{
    private readonly Dictionary<string, List<MetaAudienceMember>> audiences = new(StringComparer.Ordinal);
    private readonly Dictionary<long, MetaUploadSession> sessions = [];

    public Lock Gate { get; } = new();

    public void Add(string audience, MetaAudienceMember member)
    {
        var members = Members(audience);
        if (!members.Any(m => m.SameAs(member))) members.Add(member);
    }

    public int Remove(string audience, MetaAudienceMember member) =>
        Members(audience).RemoveAll(m => m.SameAs(member) || m.SharesUniqueIdentifierWith(member));

    public IReadOnlyList<MetaAudienceMember> Snapshot(string audience) =>
        audiences.TryGetValue(audience, out var members) ? members.ToList() : [];

    /// <summary>Counts one batch of a session; the last batch (<c>last_batch_flag</c>) finishes it.</summary>
    public MetaUploadSession Track(long sessionId, int batchSeq, bool last, int received, int invalid)
    {
        var session = sessions.GetValueOrDefault(sessionId) ?? new MetaUploadSession(sessionId, [], false, 0, 0);
        // A batch sent again (a client's retry) is counted once.
        var repeat = session.BatchSeqs.Contains(batchSeq);
        session = session with
        {
            BatchSeqs = repeat ? session.BatchSeqs : [.. session.BatchSeqs, batchSeq],
            Finished = session.Finished || last,
            NumReceived = session.NumReceived + (repeat ? 0 : received),
            NumInvalidEntries = session.NumInvalidEntries + (repeat ? 0 : invalid),
        };
        sessions[sessionId] = session;
        return session;
    }

    public MetaUploadSession? Session(long sessionId) => sessions.GetValueOrDefault(sessionId);

    private List<MetaAudienceMember> Members(string audience)
    {
        if (!audiences.TryGetValue(audience, out var members)) audiences[audience] = members = [];
        return members;
    }
}

/// <summary>One person in an audience: schema key → value as received (hashed, or raw for MADID / EXTERN_ID).</summary>
public sealed record MetaAudienceMember(IReadOnlyDictionary<string, string> Identifiers)
{
    public bool SameAs(MetaAudienceMember other) =>
        Identifiers.Count == other.Identifiers.Count && Identifiers.All(kv => other.Identifiers.GetValueOrDefault(kv.Key) == kv.Value);

    public bool SharesUniqueIdentifierWith(MetaAudienceMember other) =>
        Identifiers.Any(kv => kv.Key is "EMAIL" or "PHONE" or "MADID" or "EXTERN_ID" && other.Identifiers.GetValueOrDefault(kv.Key) == kv.Value);
}

/// <summary>What the emulator knows of an upload session (the custom audience session object, simplified).</summary>
public sealed record MetaUploadSession(long SessionId, IReadOnlyList<int> BatchSeqs, bool Finished, long NumReceived, long NumInvalidEntries);
