using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Diff;

public sealed class FingerprintTests
{
    [SkippableFact]
    public async Task Same_row_has_the_same_fingerprint_on_DuckDB_and_PostgreSQL()
    {
        var fingerprints = new List<string[]>();
        foreach (var engine in new[] { "duckdb", "postgres" })
        {
            await using var db = await TestDatabase.CreateAsync(engine);
            await CustomerModel.CreateAsync(db,
                "(1, 'ada@x.io', 'gold', 90, true)", "(2, NULL, '', 0, false)", "(3, 'é|:~', NULL, NULL, NULL)");
            var rows = await new DiffReader(await db.OpenAsync()).ReadAsync(CustomerModel.Spec(db), default).ToListAsync();
            fingerprints.Add(rows.OrderBy(r => r.PrimaryKey, StringComparer.Ordinal).Select(r => r.Fingerprint).ToArray());
        }

        Assert.Equal(fingerprints[0], fingerprints[1]);
        Assert.Equal(3, fingerprints[0].Distinct().Count());
    }

    [Fact]
    public void Config_fingerprint_ignores_yaml_order_but_not_the_mapping()
    {
        var sync = CustomerModel.Sync(("tier", "account_tier"), ("score", "health_score"));
        var reordered = CustomerModel.Sync(("score", "health_score"), ("tier", "account_tier"));
        var renamed = CustomerModel.Sync(("tier", "account_tier"), ("score", "churn_risk"));

        Assert.Equal(ConfigFingerprint.Compute(sync), ConfigFingerprint.Compute(reordered));
        Assert.NotEqual(ConfigFingerprint.Compute(sync), ConfigFingerprint.Compute(renamed));
        Assert.NotEqual(ConfigFingerprint.Compute(sync), ConfigFingerprint.Compute(sync with { Hash = ["email"] }));
    }
}
