using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// The Zendesk Support users emulator's state: the account's users, the bulk jobs, what it was asked (the request
/// log) and how it should behave next (options and faults). Routes: <c>/api/v2/users/…</c> and
/// <c>/api/v2/job_statuses/{id}</c>.
/// </summary>
public sealed class ZendeskEmulator : Emulator<ZendeskEmulatorOptions, ZendeskRequest>
{
    private readonly ZendeskUserStore store = new();

    internal ZendeskEmulator(ZendeskEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
        : base(options, faults, time)
    {
        Limiter = new ZendeskRateLimiter(options, time);
        Jobs = new ZendeskJobs(options, time);
        Processor = new ZendeskUserProcessor(store, time);
    }

    public override int ListingOrder => 50;

    public override void Map(IEndpointRouteBuilder routes) => routes.MapZendesk(this);

    public override string Describe(Uri baseUrl) => $"Zendesk emulator: {baseUrl} (email: {Options.Email}, api_token: {Options.ApiToken})";

    internal ZendeskRateLimiter Limiter { get; }
    internal ZendeskJobs Jobs { get; }
    internal ZendeskUserProcessor Processor { get; }
    internal ZendeskUserStore Store => store;

    /// <summary>The account's users, in id order.</summary>
    public IReadOnlyList<ZendeskUser> Users
    {
        get { lock (store.Gate) return store.All(); }
    }

    public ZendeskUser? FindByExternalId(string externalId)
    {
        lock (store.Gate) return store.FindByExternalId(externalId);
    }

    public ZendeskUser? FindByEmail(string email)
    {
        lock (store.Gate) return store.FindByEmail(email);
    }

    /// <summary>Adds a user as if created earlier (by an agent, another integration), e.g. to test matching or mirror.</summary>
    public ZendeskUser Seed(string name, string? email = null, string? externalId = null)
    {
        lock (store.Gate)
            return store.Create(externalId, email, new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["name"] = name }, Time.GetUtcNow());
    }

    /// <summary>The status of a job, without polling it (<c>null</c> when unknown).</summary>
    public string? JobStatus(string id) => Jobs.StatusOf(id);
}
