using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Metering;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse;

/// <summary>
/// DuckDB reads a relation's columns through <c>pragma_table_info</c> (one relation bound, not every catalog's
/// columns listed): what <see cref="WarehouseAdapterTests"/> checks on every warehouse, plus DuckDB's edge cases.
/// </summary>
public sealed class DuckDbColumnsTests
{
    [Fact]
    public async Task Reading_columns_is_one_statement()
    {
        await using var db = await TestWarehouse.OpenAsync(WarehouseKind.DuckDb);
        await db.ExecuteAsync("create table orders (id integer, amount decimal(18,2), ratio float, placed timestamptz)");
        var meter = new WarehouseMeter();
        meter.Attach(db.Connection);

        var columns = await db.Warehouse.GetColumnsAsync(db.Relation("orders"), default);

        Assert.Equal(["id:INTEGER", "amount:DECIMAL(18,2)", "ratio:REAL", "placed:TIMESTAMP WITH TIME ZONE"], columns.Select(c => $"{c.Name}:{c.DataType}"));
        Assert.Equal(1, meter.Cost.Statements);
    }

    [Theory]
    [InlineData(null, "no_such_schema", "orders")]
    [InlineData("no_such_database", "main", "orders")]
    [InlineData(null, null, "no_such_table")]
    public async Task A_relation_that_is_not_there_has_no_columns(string? database, string? schema, string table)
    {
        await using var db = await TestWarehouse.OpenAsync(WarehouseKind.DuckDb);
        await db.ExecuteAsync("create table orders (id integer)");

        Assert.Empty(await db.Warehouse.GetColumnsAsync(new RelationName(database ?? db.Database, schema ?? db.Schema, table), default));
    }

    /// <summary>The pragma's name parser cannot read a doubled quote: information_schema answers instead.</summary>
    [Fact]
    public async Task A_name_with_quotes_is_read_as_written()
    {
        await using var db = await TestWarehouse.OpenAsync(WarehouseKind.DuckDb);
        await db.ExecuteAsync("create table \"it's \"\"odd\"\"\" (id integer)");

        Assert.Equal("id", Assert.Single(await db.Warehouse.GetColumnsAsync(db.Relation("it's \"odd\""), default)).Name);
    }
}
