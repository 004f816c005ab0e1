using ReverseEtlDbt.Warehouse.Guard;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Guard;

public sealed class DataTypeNormalizerTests
{
    [Theory]
    [InlineData("int", "integer")]
    [InlineData("INT4", "INTEGER")]
    [InlineData("signed", "integer")]
    [InlineData("bigint", "int8")]
    [InlineData("long", "BIGINT")]
    [InlineData("smallint", "int2")]
    [InlineData("varchar", "text")]
    [InlineData("string", "character varying")]
    [InlineData("character varying(255)", "VARCHAR")]
    [InlineData("char varying", "text")]
    [InlineData("numeric", "decimal")]
    [InlineData("numeric(10,2)", "DECIMAL(10,2)")]
    [InlineData("numeric", "numeric(18,3)")]
    [InlineData("decimal(12, 4)", "numeric")]
    [InlineData("numeric(10)", "numeric(10,0)")]
    [InlineData("float", "double precision")]
    [InlineData("float8", "DOUBLE")]
    [InlineData("real", "float4")]
    [InlineData("boolean", "bool")]
    [InlineData("logical", "BOOLEAN")]
    [InlineData("timestamp", "timestamp without time zone")]
    [InlineData("datetime", "TIMESTAMP")]
    [InlineData("timestamptz", "timestamp with time zone")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "timestamptz")]
    [InlineData("date", "DATE")]
    [InlineData("uuid", "UUID")]
    [InlineData("jsonb", "JSONB")]
    public void Type_aliases_dbt_considers_equal_pass(string contractType, string actualType)
    {
        Assert.True(DataTypeNormalizer.AreEquivalent(contractType, actualType),
            $"{contractType} → {DataTypeNormalizer.Normalize(contractType)}, {actualType} → {DataTypeNormalizer.Normalize(actualType)}");
    }

    [Theory]
    [InlineData("integer", "bigint")]
    [InlineData("integer", "varchar")]
    [InlineData("numeric(10,2)", "numeric(12,2)")]
    [InlineData("numeric(10,2)", "numeric(10,3)")]
    [InlineData("float", "real")]
    [InlineData("timestamp", "timestamptz")]
    [InlineData("json", "jsonb")]
    [InlineData("date", "timestamp")]
    [InlineData("boolean", "integer")]
    public void Different_types_do_not_match(string contractType, string actualType)
    {
        Assert.False(DataTypeNormalizer.AreEquivalent(contractType, actualType));
    }

    [Fact]
    public void Unknown_types_compare_by_their_lower_cased_spelling()
    {
        Assert.Equal(new NormalizedType("geometry"), DataTypeNormalizer.Normalize("  GEOMETRY "));
        Assert.True(DataTypeNormalizer.AreEquivalent("int4range", "INT4RANGE"));
    }
}
