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
            var rows = await new DiffReader(await db.OpenAsync()).ReadAsync(CustomerModel.Spec(db, ledger: null), default).ToListAsync();
            fingerprints.Add(rows.OrderBy(r => r.PrimaryKey, StringComparer.Ordinal).Select(r => r.Fingerprint).ToArray());
        }

        Assert.Equal(fingerprints[0], fingerprints[1]);
        Assert.Equal(3, fingerprints[0].Distinct().Count());
    }

    /// <summary>
    /// Pins the stored formulas, so that a change of the SQL cannot silently change every fingerprint (and resend every
    /// row of every sync): the columns in ordinal order as text, joined by U+001F, a null written as U+001E; values-only
    /// (ledger version 4 on): their md5; tagged (version 3): the first 16 digits of their md5 followed by the first 16
    /// characters of the config fingerprint; seeded (earlier releases): md5 of the config fingerprint and the columns.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Fingerprint_is_md5_of_the_values_joined_by_unit_separators_in_each_format(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, "(1, 'ada@x.io', 'gold', 90, true)", "(3, 'é|:~', NULL, NULL, NULL)");
        var values = CustomerModel.Spec(db, ledger: null);
        var tagged = values with { FingerprintFormat = RowFingerprintFormat.Tagged };
        var seeded = values with { FingerprintFormat = RowFingerprintFormat.Seeded };
        var reader = new DiffReader(await db.OpenAsync());
        var valueRows = await reader.ReadAsync(values, default).ToListAsync();
        var rows = await reader.ReadAsync(tagged, default).ToListAsync();
        var seededRows = await reader.ReadAsync(seeded, default).ToListAsync();

        Assert.Equal(RowFingerprintFormat.Values, values.FingerprintFormat);
        Assert.Equal(["email", "score", "tier"], values.Columns);
        Assert.Equal(Md5("ada@x.io\u001F90\u001Fgold"), valueRows.Single(r => r.PrimaryKey == "1").Fingerprint);
        Assert.Equal(Md5("é|:~\u001F\u001E\u001F\u001E"), valueRows.Single(r => r.PrimaryKey == "3").Fingerprint);
        var tag = tagged.ConfigFingerprint[..16];
        Assert.Equal(Md5("ada@x.io\u001F90\u001Fgold")[..16] + tag, rows.Single(r => r.PrimaryKey == "1").Fingerprint);
        Assert.Equal(Md5("é|:~\u001F\u001E\u001F\u001E")[..16] + tag, rows.Single(r => r.PrimaryKey == "3").Fingerprint);
        Assert.Equal(Md5($"{tagged.ConfigFingerprint}\u001Fada@x.io\u001F90\u001Fgold"), seededRows.Single(r => r.PrimaryKey == "1").Fingerprint);
        Assert.Equal(Md5($"{tagged.ConfigFingerprint}\u001Fé|:~\u001F\u001E\u001F\u001E"), seededRows.Single(r => r.PrimaryKey == "3").Fingerprint);
    }

#pragma warning disable CA5351 // the warehouse's md5, recomputed to pin the formula; fingerprints detect change and guard nothing
    private static string Md5(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

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
