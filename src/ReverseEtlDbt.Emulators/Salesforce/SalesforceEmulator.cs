using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// The Salesforce emulator's state: the org's records, the sessions it issued, what it was asked (the request log)
/// and how it should behave next (options and faults; faults apply to REST API calls, never to the token endpoint).
/// Routes: the token endpoint <c>/services/oauth2/token</c> and the REST API <c>/services/data/v{version}/…</c>.
/// </summary>
public sealed class SalesforceEmulator : Emulator<SalesforceEmulatorOptions, SalesforceRequest>
{
    private readonly SalesforceStore store = new();

    internal SalesforceEmulator(SalesforceEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
        : base(options, faults, time)
    {
        Sessions = new SalesforceSessions(options, time);
        Usage = new SalesforceApiUsage(options, time);
        Collections = new SalesforceCollections(store, options, time);
        Bulk = new SalesforceBulkJobs(store, Collections, options, time);
    }

    public override int ListingOrder => 20;

    public override void Map(IEndpointRouteBuilder routes) => routes.MapSalesforce(this);

    public override string Describe(Uri baseUrl) =>
        $"Salesforce emulator: {baseUrl} (client_id: {Options.ClientId}, client_secret: {Options.ClientSecret})";

    internal SalesforceSessions Sessions { get; }
    internal SalesforceApiUsage Usage { get; }
    internal SalesforceCollections Collections { get; }
    internal SalesforceBulkJobs Bulk { get; }

    /// <summary>Bulk API 2.0 ingest jobs created so far.</summary>
    public IReadOnlyList<SalesforceBulkJob> BulkJobs => Bulk.All;
    internal SalesforceStore Store => store;

    /// <summary>Live (not deleted) records of an sObject, in creation order.</summary>
    public IReadOnlyList<SalesforceRecord> Records(string sObject)
    {
        lock (store.Gate) return store.All.Where(r => !r.Deleted && r.SObject.Equals(sObject, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>Every record ever written, deleted ones included.</summary>
    public IReadOnlyList<SalesforceRecord> AllRecords()
    {
        lock (store.Gate) return store.All.ToList();
    }

    /// <summary>A live record by a field's value (<c>Id</c> finds by record id).</summary>
    public SalesforceRecord? FindRecord(string sObject, string field, string value)
    {
        lock (store.Gate)
            return field.Equals("Id", StringComparison.OrdinalIgnoreCase)
                ? store.ById(value) is { Deleted: false } r ? r : null
                : store.Find(sObject, field, value).FirstOrDefault();
    }

    /// <summary>Adds a record as if created earlier (by someone else), e.g. to test update or that mirror leaves it alone.</summary>
    public SalesforceRecord Seed(string sObject, IReadOnlyDictionary<string, string> fields)
    {
        lock (store.Gate) return store.Create(sObject, fields.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), Time.GetUtcNow());
    }

    /// <summary>Every access token issued so far, in order.</summary>
    public IReadOnlyList<string> IssuedTokens => Sessions.Issued;

    /// <summary>Ends every session now: the next call with any issued token is 401 <c>INVALID_SESSION_ID</c>.</summary>
    public void ExpireSessions() => Sessions.ExpireAll();

    /// <summary>Ends every session right after the next <paramref name="calls"/> accepted API calls (an expiry mid-sync).</summary>
    public void ExpireSessionsAfter(int calls) => Sessions.ExpireAfter(calls);
}
