using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Tests.Builders;

/// <summary>The DESIGN §2.1 example and helpers to run checks on a built manifest.</summary>
public static class Syncs
{
    public const string HubSpotContacts = """
        {"primary_key": "customer_id",
         "destinations": [{"connection": "hubspot", "object": "contacts", "mode": "upsert",
                           "match": {"column": "email", "field": "email"},
                           "fields": {"health_score": "churn_risk_score", "tier": "account_tier"},
                           "static": {"lifecycle_stage": "customer"},
                           "allow_pii": ["email"]}]}
        """;

    /// <summary>customer_health exactly as DESIGN §2.1 declares it.</summary>
    public static ModelBuilder CustomerHealth(this ModelBuilder m, string sync = HubSpotContacts) =>
        m.Key("customer_id").Column("email", "varchar", pii: true).Column("health_score", "integer").Column("tier", "varchar").Sync(sync);

    public static ConnectionsFile Connections(params (string Name, string Type)[] connections) =>
        new("retl_connections.yml", connections.ToDictionary(c => c.Name, c => new ConnectionConfig(c.Name, c.Type,
            new Dictionary<string, object?>
            {
                ["type"] = c.Type,
                ["token"] = "{{ env_var('HUBSPOT_TOKEN') }}",
                ["url"] = "http://127.0.0.1/hook",
                ["secret"] = "{{ env_var('WEBHOOK_SECRET') }}",
            }.Where(kv => kv.Key == "type" || Keys(c.Type).Contains(kv.Key)).ToDictionary(),
            _ => null, "retl_connections.yml", 1)));

    public static ConnectionsFile HubSpotOnly => Connections(("hubspot", "hubspot"));

    public static CheckReport Check(DbtManifest manifest, ConnectionsFile? connections = null)
    {
        var catalog = SyncCatalog.From(manifest);
        var context = new CheckContext(manifest, catalog.Definitions, connections ?? HubSpotOnly, DestinationRegistry.Default);
        return CheckRunner.Run(context, catalog.Diagnostics);
    }

    private static IReadOnlySet<string> Keys(string type) =>
        DestinationRegistry.Default.Find(type)?.RequiredKeys ?? new HashSet<string>();
}
