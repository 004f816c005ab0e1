using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse.Guard;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Guard;

/// <summary>The guard against real tables, read through information_schema, on DuckDB and on PostgreSQL.</summary>
public sealed class ContractGuardWarehouseTests
{
    private static async Task<ContractGuardResult> GuardAsync(TestWarehouse db, string createTableSql, params string[] extraSyncFields)
    {
        await db.ExecuteAsync(createTableSql);
        return await ContractGuard.CheckAsync(db.Warehouse, ContractFixture.Model(db.Relation(ContractFixture.Table)),
            ContractFixture.Sync(extraSyncFields), default);
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Matching_table_passes(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        var result = await GuardAsync(db, ContractFixture.MatchingTableSql);

        Assert.True(result.Passed, result.ToMismatchTable("customer_health", null).Render());
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Renamed_contract_column_stops_the_sync(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        var result = await GuardAsync(db, "create table customer_health (customer_id integer, email_address varchar, health_score integer, tier varchar)");

        Assert.False(result.Passed);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("email", "missing in definition (renamed to email_address?)"), (error.ColumnName, error.Reason.ToLowerInvariant()));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Retyped_column_stops_the_sync(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        // On Snowflake every integer is NUMBER(38,0), so an integer retyped as bigint is no change there: retype it to text.
        var snowflake = kind == WarehouseKind.Snowflake;
        var result = await GuardAsync(db, $"create table customer_health (customer_id {(snowflake ? "varchar" : "bigint")}, email varchar, health_score integer, tier varchar)");

        Assert.False(result.Passed);
        var error = Assert.Single(result.Errors);
        Assert.Equal((ContractMismatchKind.DataTypeMismatch, "customer_id", "integer"), (error.Kind, error.ColumnName, error.ContractType));
        Assert.Equal(snowflake ? "text" : "bigint", DataTypeNormalizer.Normalize(error.DefinitionType!).Family);
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Dropped_column_stops_the_sync(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        var result = await GuardAsync(db, "create table customer_health (customer_id integer, email varchar, health_score integer)");

        Assert.False(result.Passed);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("tier", "missing in definition"), (error.ColumnName, error.Reason));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Missing_relation_stops_the_sync(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        var result = await GuardAsync(db, "create table something_else (id integer)");

        Assert.Equal(ContractMismatchKind.RelationMissing, Assert.Single(result.Errors).Kind);
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Extra_unused_column_is_a_warning_not_an_error(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        var result = await GuardAsync(db, ContractFixture.MatchingTableSql);

        Assert.True(result.Passed);
        Assert.Equal(("internal_note", "extra column not in contract"), (Assert.Single(result.Warnings).ColumnName.ToLowerInvariant(), result.Warnings.Single().Reason));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Extra_column_read_by_the_sync_stops_the_sync(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        var result = await GuardAsync(db, ContractFixture.MatchingTableSql, "internal_note");

        Assert.Equal((ContractMismatchKind.ReadButNotInContract, "internal_note"), (Assert.Single(result.Errors).Kind, result.Errors.Single().ColumnName.ToLowerInvariant()));
    }
}
