using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse;

/// <summary>Both adapters against a real warehouse: catalog reads and dialect SQL.</summary>
public sealed class WarehouseAdapterTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Columns_come_back_in_ordinal_order_with_their_types(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await db.ExecuteAsync("create table orders (zeta integer, alpha varchar(20), amount numeric(10,2), placed_at timestamp)");

        var columns = await db.Warehouse.GetColumnsAsync(db.Relation("orders"), default);

        Assert.Equal(["zeta", "alpha", "amount", "placed_at"], columns.Select(c => c.Name.ToLowerInvariant()));
        Assert.Equal([kind == WarehouseKind.Snowflake ? "numeric(38,0)" : "integer", "text", "numeric(10,2)", "timestamp"],
            columns.Select(c => ReverseEtlDbt.Warehouse.Guard.DataTypeNormalizer.Normalize(c.DataType).ToString()));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Missing_relation_has_no_columns(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);

        Assert.Empty(await db.Warehouse.GetColumnsAsync(db.Relation("does_not_exist"), default));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Schema_and_table_match_case_insensitively(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await db.ExecuteAsync("create table Customers (id integer)");

        var relation = new RelationName(null, db.Schema.ToUpperInvariant(), "CUSTOMERS");

        Assert.Equal("id", Assert.Single(await db.Warehouse.GetColumnsAsync(relation, default)).Name.ToLowerInvariant());
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Views_have_columns_too(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await db.ExecuteAsync("create table t (id integer, name text); create view v as select name, id from t");

        Assert.Equal(["name", "id"], (await db.Warehouse.GetColumnsAsync(db.Relation("v"), default)).Select(c => c.Name.ToLowerInvariant()));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Hash_of_text_is_the_same_lower_case_md5_on_every_warehouse(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        var dialect = db.Warehouse.Dialect;

        var hash = await db.ScalarAsync($"select {dialect.HashText(dialect.CastToText("42"))}");

        // md5("42")
        Assert.Equal("a1d0c6e83f027327d8461063f4ac58a6", hash);
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Quoted_relation_name_renders_and_selects(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await db.ExecuteAsync("create table \"Odd \"\"Name\"\"\" (id integer); insert into \"Odd \"\"Name\"\"\" values (7)");

        var value = await db.ScalarAsync($"select id from {db.Relation("Odd \"Name\"").Render(db.Warehouse.Dialect)}");

        Assert.Equal(7, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
