using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.Tests.Warehouse.Guard;

/// <summary>
/// The contract used by the guard tests: <c>customer_health</c> with customer_id integer, email varchar,
/// health_score integer, tier varchar, synced to HubSpot reading customer_id, email, health_score and tier.
/// </summary>
internal static class ContractFixture
{
    public const string Table = "customer_health";

    /// <summary>SQL creating a relation that satisfies the contract, plus an extra column nobody reads.</summary>
    public const string MatchingTableSql =
        "create table customer_health (customer_id integer, email varchar(200), health_score int, tier text, internal_note text)";

    public static IReadOnlyList<ManifestColumn> Columns { get; } =
    [
        new() { Name = "customer_id", DataType = "integer" },
        new() { Name = "email", DataType = "varchar" },
        new() { Name = "health_score", DataType = "integer" },
        new() { Name = "tier", DataType = "varchar" },
    ];

    public static ManifestNode Model(RelationName relation) => new()
    {
        UniqueId = "model.shop.customer_health",
        ResourceType = "model",
        Name = Table,
        Database = relation.Database,
        Schema = relation.Schema,
        Alias = relation.Identifier,
        PatchPath = "shop://models/marts/schema.yml",
        Contract = new ModelContract(Enforced: true, AliasTypes: true),
        Columns = Columns,
    };

    public static DestinationSync Sync(params string[] extraFields) => new()
    {
        Id = "customer_health__hubspot__contacts",
        ModelUniqueId = "model.shop.customer_health",
        ModelName = Table,
        PrimaryKey = "customer_id",
        Connection = "hubspot",
        Object = "contacts",
        Mode = SyncMode.Upsert,
        Match = new MatchSpec("email", "email"),
        Fields = [new("health_score", "churn_risk_score"), new("tier", "account_tier"), .. extraFields.Select(f => new FieldMapping(f, f))],
    };
}
