using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.MetaAudiences;

/// <summary>
/// The Meta Custom Audiences emulator's state: audience membership (what was added and removed), upload sessions,
/// the request log, and how it should behave next (options, faults, scripted throttling). Routes:
/// <c>/v{N}/{audience_id}/users</c> (POST adds, DELETE removes).
/// </summary>
public sealed class MetaAudiencesEmulator : Emulator<MetaAudiencesEmulatorOptions, MetaAudiencesRequest>
{
    private readonly MetaAudienceStore store = new();
    private readonly Lock gate = new();
    private readonly Queue<(int Code, int RegainMinutes)> throttles = new();
    private DateTimeOffset hourStart = DateTimeOffset.MinValue;
    private int callsThisHour;

    internal MetaAudiencesEmulator(MetaAudiencesEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
        : base(options, faults, time)
    {
        Processor = new MetaUsersProcessor(store, options);
    }

    public override int ListingOrder => 40;

    public override void Map(IEndpointRouteBuilder routes) => routes.MapMetaAudiences(this);

    public override string Describe(Uri baseUrl) => $"Meta Custom Audiences emulator: {baseUrl} (access_token: {Options.ValidToken})";

    internal MetaUsersProcessor Processor { get; }

    /// <summary>The members of an audience now, in the order they were added.</summary>
    public IReadOnlyList<MetaAudienceMember> Members(string audienceId)
    {
        lock (store.Gate) return store.Snapshot(audienceId);
    }

    /// <summary>What the emulator knows of an upload session, or null if it never saw it.</summary>
    public MetaUploadSession? Session(long sessionId)
    {
        lock (store.Gate) return store.Session(sessionId);
    }

    /// <summary>
    /// The next <paramref name="count"/> calls are throttled with Graph error <paramref name="code"/> (17 user, 613 ad
    /// account, 4 app, 80003 business use case) and a usage header announcing <paramref name="regainMinutes"/>.
    /// </summary>
    public void QueueThrottling(int count, int code = 17, int regainMinutes = 0)
    {
        lock (gate)
            for (var i = 0; i < count; i++) throttles.Enqueue((code, regainMinutes));
    }

    /// <summary>Counts one call against the hourly limit; a throttle code (and minutes to wait) when it is refused.</summary>
    internal (int Code, int RegainMinutes, int CallPercent)? Throttle()
    {
        lock (gate)
        {
            var now = Time.GetUtcNow();
            if (now - hourStart >= TimeSpan.FromHours(1))
            {
                hourStart = now;
                callsThisHour = 0;
            }
            callsThisHour++;
            if (throttles.TryDequeue(out var scripted)) return (scripted.Code, scripted.RegainMinutes, 100);
            if (callsThisHour > Options.HourlyCallLimit)
                return (17, (int)Math.Ceiling((hourStart + TimeSpan.FromHours(1) - now).TotalMinutes), 100);
            return null;
        }
    }

    /// <summary>Share of the hourly allowance used, as the usage headers report it (0–100).</summary>
    internal int CallPercent()
    {
        lock (gate) return (int)Math.Min(100, callsThisHour * 100L / Math.Max(1, Options.HourlyCallLimit));
    }
}
