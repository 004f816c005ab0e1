using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;
using ReverseEtlDbt.Warehouse.DuckDb;
using ReverseEtlDbt.Warehouse.Postgres;
using Snapshooter.Xunit;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Diff;

public sealed class DiffQueryBuilderTests
{
    private static readonly DiffSpec Spec = new(
        new RelationName("analytics", "marts", "customer_health"), "customer_id", ["email", "health_score", "tier"],
        "customer_health__hubspot__contacts", "cfg0123")
    {
        State = new LedgerSchema(LedgerSchema.DefaultName, StateMigrations.LatestVersion).DiffState(DuckDbDialect.Instance),
    };

    [Fact]
    public void Diff_skips_its_duplicate_key_check_only_when_keys_were_verified_unique()
    {
        var builder = new DiffQueryBuilder(DuckDbDialect.Instance);

        var checkedInDiff = builder.Changes(Spec).Sql;
        var verified = builder.Changes(Spec with { KeysVerifiedUnique = true }).Sql;

        Assert.Contains("HAVING COUNT(*) > 1", checkedInDiff, StringComparison.Ordinal);
        Assert.DoesNotContain("HAVING", verified, StringComparison.Ordinal);
        Assert.Contains("FALSE AS \"__retl_duplicate\"", verified, StringComparison.Ordinal);
        Assert.Contains("IS NOT NULL", verified, StringComparison.Ordinal); // null keys are still kept out
    }

    [Fact]
    public void DuckDB_diff_sql_selects_only_named_columns_and_binds_the_sync_id()
    {
        var query = new DiffQueryBuilder(DuckDbDialect.Instance).Changes(Spec);

        Assert.Equal(["customer_health__hubspot__contacts"], query.Parameters);
        Assert.Equal(["customer_health__hubspot__contacts", "cfg0123"],
            new DiffQueryBuilder(DuckDbDialect.Instance).Changes(Spec with { FingerprintFormat = RowFingerprintFormat.Tagged }).Parameters);
        Assert.DoesNotContain("*", query.Sql.Replace("COUNT(*)", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Snapshot.Match(query.Sql);
    }

    [Fact]
    public void PostgreSQL_diff_sql_fingerprints_with_md5_of_the_text()
    {
        var query = new DiffQueryBuilder(PostgresDialect.Instance).Changes(Spec);

        Assert.Contains("md5(concat_ws('\u001F', COALESCE(CAST(m.\"c1\" AS text), '\u001E')", query.Sql, StringComparison.Ordinal);
        Assert.Contains("'\u001E'))) AS \"__retl_fp\"", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("$2", query.Sql, StringComparison.Ordinal);
        Snapshot.Match(query.Sql);
    }

    [Fact]
    public void Full_resync_drops_the_fingerprint_comparison()
    {
        var builder = new DiffQueryBuilder(DuckDbDialect.Instance);

        Assert.Contains("\"__retl_sfp\" <> ", builder.Changes(Spec).Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"__retl_sfp\" <> ", builder.Changes(Spec with { FullResync = true }).Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_reads_state_only_through_the_relation_the_ledger_describes()
    {
        var state = new SyncStateRelation("(SELECT k, ik, fp, did FROM elsewhere.journal WHERE owner = $1)", "k", "fp", "did", "ik");
        var builder = new DiffQueryBuilder(DuckDbDialect.Instance);

        var text = builder.Changes(Spec with { State = state with { IntegerKey = null } }).Sql;
        var integer = builder.Changes(Spec with { State = state, IntegerKey = true }).Sql;
        var count = builder.KeyAndStateCounts(Spec with { State = state });

        Assert.Contains("(SELECT k AS \"__retl_sk\", fp AS \"__retl_sfp\", did AS \"__retl_sdid\" FROM (SELECT k, ik, fp, did FROM elsewhere.journal WHERE owner = $1) AS st)", text, StringComparison.Ordinal);
        Assert.Contains("ik AS \"__retl_sik\", CASE WHEN ik IS NULL THEN k END AS \"__retl_sk\"", integer, StringComparison.Ordinal);
        Assert.Contains("ON s.\"__retl_sik\" = c.\"c0\"", integer, StringComparison.Ordinal);
        Assert.Contains("(SELECT COUNT(*) FROM (SELECT k, ik, fp, did FROM elsewhere.journal WHERE owner = $1) AS s)", count.Sql, StringComparison.Ordinal);
        Assert.Equal("customer_health__hubspot__contacts", count.Parameters.Single());
        foreach (var sql in new[] { text, integer })
            Assert.DoesNotContain("synced_rows", sql, StringComparison.Ordinal);
        // A spec without state (no ledger yet) reads an empty state, and an integer key without an integer copy joins on text.
        Assert.Contains("AND 1 = 0", builder.Changes(Spec with { State = null }).Sql, StringComparison.Ordinal);
        Assert.Contains("ON s.\"__retl_sk\" = c.\"__retl_pk\"", builder.Changes(Spec with { State = state with { IntegerKey = null }, IntegerKey = true }).Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_key_queries_find_null_and_duplicate_keys_in_sql()
    {
        var builder = new DiffQueryBuilder(PostgresDialect.Instance);

        Snapshot.Match(builder.RejectedCounts(Spec).Sql + "\n---\n" + builder.RejectedSample(Spec, 5).Sql);
    }

    [Fact]
    public void Identifiers_are_quoted_so_odd_column_names_cannot_break_out()
    {
        var spec = Spec with { Columns = ["we\"ird"] };

        var sql = new DiffQueryBuilder(DuckDbDialect.Instance).Changes(spec).Sql;

        Assert.Contains("\"we\"\"ird\" AS \"c1\"", sql, StringComparison.Ordinal);
    }
}
