using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse.Guard;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Guard;

/// <summary>A contract type against the type each real warehouse reports for a column declared with another alias.</summary>
public sealed class TypeAliasWarehouseTests
{
    public static TheoryData<WarehouseKind, string, string> Pairs()
    {
        (string Contract, string Column)[] pairs =
        [
            ("int", "integer"), ("integer", "int4"), ("bigint", "int8"), ("smallint", "int2"),
            ("text", "varchar(40)"), ("string", "text"), ("varchar", "character varying"),
            ("numeric(10,2)", "decimal(10,2)"), ("numeric", "numeric(12,4)"),
            ("float", "double precision"), ("double", "float8"), ("real", "float4"),
            ("bool", "boolean"), ("timestamp", "timestamp"), ("timestamp with time zone", "timestamptz"),
            ("date", "date"), ("uuid", "uuid"), ("json", "json"),
        ];
        // Snowflake's own spellings (dbt-snowflake: every integer is NUMBER(38,0), every string VARCHAR, every float 64-bit).
        (string, string)[] snowflake =
        [
            ("int", "NUMBER(38,0)"), ("integer", "INT"), ("bigint", "INTEGER"), ("number(10,2)", "NUMBER(10,2)"),
            ("string", "VARCHAR"), ("text", "TEXT"), ("varchar", "STRING"), ("float", "FLOAT"), ("double", "DOUBLE"),
            ("boolean", "BOOLEAN"), ("timestamp", "TIMESTAMP_NTZ"), ("timestamp_ntz", "DATETIME"), ("date", "DATE"),
        ];
        var data = new TheoryData<WarehouseKind, string, string>();
        foreach (var kind in Enum.GetValues<WarehouseKind>())
            foreach (var (contract, column) in kind == WarehouseKind.Snowflake ? snowflake : pairs) data.Add(kind, contract, column);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Pairs))]
    public async Task Type_aliases_dbt_considers_equal_pass(WarehouseKind kind, string contractType, string columnType)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await db.ExecuteAsync($"create table t (c {columnType})");
        var actual = await db.Warehouse.GetColumnsAsync(db.Relation("t"), default);

        var result = ContractGuard.Check(db.Relation("t"), [new ManifestColumn { Name = "c", DataType = contractType }], ["c"], actual,
            db.Warehouse.Dialect.Traits.IntegersAreNumbers);

        Assert.True(result.Passed, result.ToMismatchTable("t", null).Render());
    }
}
