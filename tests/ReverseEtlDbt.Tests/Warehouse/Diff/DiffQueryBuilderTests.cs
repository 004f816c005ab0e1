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
        "customer_health__hubspot__contacts", "cfg0123");

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

        Assert.Equal(["customer_health__hubspot__contacts", "cfg0123"], query.Parameters);
        Assert.DoesNotContain("*", query.Sql.Replace("COUNT(*)", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Snapshot.Match(query.Sql);
    }

    [Fact]
    public void PostgreSQL_diff_sql_fingerprints_with_md5_of_the_text()
    {
        var query = new DiffQueryBuilder(PostgresDialect.Instance).Changes(Spec);

        Assert.Contains("md5(concat_ws('\u001F', CAST($2 AS text)", query.Sql, StringComparison.Ordinal);
        Snapshot.Match(query.Sql);
    }

    [Fact]
    public void Full_resync_drops_the_fingerprint_comparison()
    {
        var builder = new DiffQueryBuilder(DuckDbDialect.Instance);

        Assert.Contains("\"fingerprint\" <> ", builder.Changes(Spec).Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"fingerprint\" <> ", builder.Changes(Spec with { FullResync = true }).Sql, StringComparison.Ordinal);
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
