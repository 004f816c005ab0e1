using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse;

/// <summary>The shared test support keeps tests apart: each gets its own warehouse, dropped on dispose.</summary>
public sealed class TestWarehouseIsolationTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Each_test_warehouse_sees_only_its_own_tables(WarehouseKind kind)
    {
        await using var first = await TestWarehouse.OpenAsync(kind);
        await using var second = await TestWarehouse.OpenAsync(kind);
        await first.ExecuteAsync("create table customers (id integer)");

        Assert.NotEmpty(await first.Warehouse.GetColumnsAsync(first.Relation("customers"), default));
        Assert.Empty(await second.Warehouse.GetColumnsAsync(second.Relation("customers"), default));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_second_connection_sees_committed_tables(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await db.ExecuteAsync("create table customers (id integer); insert into customers values (1), (2)");
        await db.Warehouse.DisposeAsync();

        await using var another = await db.OpenAnotherAsync();
        await using var command = another.Connection.CreateCommand();
        command.CommandText = $"select count(*) from {db.Relation("customers").Render(another.Dialect)}";

        Assert.Equal(2L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Disposing_a_postgres_test_warehouse_drops_its_schema()
    {
        string schema;
        await using (var db = await TestWarehouse.OpenAsync(WarehouseKind.Postgres))
            schema = db.Schema;

        await using var check = await TestWarehouse.OpenAsync(WarehouseKind.Postgres);
        var count = await check.ScalarAsync($"select count(*) from information_schema.schemata where schema_name = '{schema}'");

        Assert.Equal(0L, Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture));
    }
}
