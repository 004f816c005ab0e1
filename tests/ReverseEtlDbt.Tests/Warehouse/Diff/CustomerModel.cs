using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Tests.Warehouse.Diff;

/// <summary>A <c>customers</c> model table and its sync, so each test states only the rows that matter to it.</summary>
public static class CustomerModel
{
    public const string SyncId = "customers__crm__contacts";

    public static DestinationSync Sync(params (string Column, string Field)[] fields) => new()
    {
        Id = SyncId,
        ModelUniqueId = "model.shop.customers",
        ModelName = "customers",
        PrimaryKey = "customer_id",
        Connection = "crm",
        Object = "contacts",
        Mode = SyncMode.Upsert,
        Match = new MatchSpec("email", "email"),
        Fields = (fields.Length == 0 ? [("tier", "account_tier"), ("score", "health_score")] : fields)
            .Select(f => new FieldMapping(f.Column, f.Field)).ToList(),
        Static = new Dictionary<string, JsonElement> { ["lifecycle_stage"] = JsonSerializer.SerializeToElement("customer") },
    };

    public static async Task CreateAsync(TestDatabase db, params string[] rows)
    {
        await db.ExecuteAsync($"CREATE TABLE {db.Schema}.customers (customer_id INTEGER, email VARCHAR(100), tier VARCHAR(20), score INTEGER, active BOOLEAN)");
        if (rows.Length > 0) await InsertAsync(db, rows);
    }

    /// <summary>Rows as SQL tuples: <c>(1, 'a@x.io', 'gold', 90, true)</c>.</summary>
    public static Task InsertAsync(TestDatabase db, params string[] rows) =>
        db.ExecuteAsync($"INSERT INTO {db.Schema}.customers VALUES {string.Join(", ", rows)}");

    /// <param name="ledger">The state ledger as the engine (migrated) or the planner (read) found it; null for no ledger at all.</param>
    /// <param name="keyType">The key's warehouse type as the guard reads it: <c>integer</c> joins state on integers, null on text.</param>
    public static DiffSpec Spec(TestDatabase db, LedgerSchema? ledger, DestinationSync? sync = null, bool fullResync = false, string? keyType = "integer") =>
        DiffSpec.For(sync ?? Sync(), db.Relation("customers"),
            new DiffOptions { State = ledger?.DiffState(db.Dialect), FullResync = fullResync }, c => c == (sync ?? Sync()).PrimaryKey ? keyType : null);

    /// <summary>Acknowledges every row as the destination would, with id <c>d-&lt;key&gt;</c>.</summary>
    public static IReadOnlyList<ReverseEtlDbt.State.AcknowledgedRow> Acknowledge(IEnumerable<DiffRow> rows) =>
        rows.Select(r => new ReverseEtlDbt.State.AcknowledgedRow(r.PrimaryKey, r.Kind, r.Fingerprint, r.DestinationId ?? "d-" + r.PrimaryKey)).ToList();
}
