using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Values;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Values;

/// <summary>
/// The exact values of <see cref="ExtremeValues"/> read by the diff from Snowflake (the emulator), in Snowflake's own
/// types: NUMBER(38,10) and NUMBER(38,0) digit for digit, FLOAT, DATE and TIMESTAMP_NTZ through the explicit formats
/// of the Snowflake dialect (never the session's output formats), and TIMESTAMP_TZ / TIMESTAMP_LTZ as the instant in UTC
/// (through <c>CONVERT_TIMEZONE('UTC', …)</c>), whatever offset the value was written with.
/// </summary>
public sealed class SnowflakeValueTests
{
    [Fact]
    public async Task The_diff_reads_every_digit_and_iso_dates_and_timestamps_from_snowflake()
    {
        await using var db = await TestWarehouse.OpenAsync(WarehouseKind.Snowflake);
        await db.ExecuteAsync($"""
            create table extremes (id number(38,0), d38 number(38,10), n38 number(38,0), neg number(38,10), dbl float, day date, ts timestamp_ntz, tstz timestamp_tz, ltz timestamp_ltz);
            insert into extremes values
              (1, {ExtremeValues.Decimal38}, {ExtremeValues.Nines38}, -{ExtremeValues.Decimal38}, 0.1, '2024-02-29', '2024-01-02 03:04:05.123456',
               '2024-01-02T03:04:05.123456+02:00', '2024-06-30T23:59:59.5-05:30'),
              (2, 0, -{ExtremeValues.Nines38}, -0.5, -2.5, '1999-12-31', '2024-01-01 00:00:00', null, '2024-01-01T00:00:00+00:00')
            """);
        var sync = ExtremeValues.Sync(WarehouseKind.Snowflake) with
        {
            Fields = new[] { "d38", "n38", "neg", "dbl", "day", "ts", "tstz", "ltz" }.Select(c => new ReverseEtlDbt.Definitions.FieldMapping(c, c)).ToList(),
        };
        var types = await db.Warehouse.GetColumnsAsync(db.Relation("extremes"), default);
        var spec = DiffSpec.For(sync, db.Relation("extremes"),
            typeOf: c => types.FirstOrDefault(t => string.Equals(t.Name, c, StringComparison.OrdinalIgnoreCase))?.DataType);

        var rows = await new DiffReader(db.Warehouse).ReadAsync(spec, default).ToListAsync();

        var one = rows.Single(r => r.PrimaryKey == "1").Values;
        Assert.Equal(ExtremeValues.Decimal38, Assert.IsType<ExactNumber>(one["d38"]).ToString());
        Assert.Equal(ExtremeValues.Nines38, Assert.IsType<ExactNumber>(one["n38"]).ToString());
        Assert.Equal("-" + ExtremeValues.Decimal38, Assert.IsType<ExactNumber>(one["neg"]).ToString());
        Assert.Equal(0.1, one["dbl"]);
        Assert.Equal(new DateOnly(2024, 2, 29), one["day"]);
        Assert.Equal("2024-01-02T03:04:05.123456", Assert.IsType<ExactTimestamp>(one["ts"]).ToString());
        Assert.Equal("2024-01-02T01:04:05.123456Z", Assert.IsType<ExactTimestamp>(one["tstz"]).ToString());
        Assert.Equal("2024-07-01T05:29:59.500000Z", Assert.IsType<ExactTimestamp>(one["ltz"]).ToString());
        var two = rows.Single(r => r.PrimaryKey == "2").Values;
        Assert.Equal("-" + ExtremeValues.Nines38, Assert.IsType<ExactNumber>(two["n38"]).ToString());
        Assert.Equal(new DateOnly(1999, 12, 31), two["day"]);
        Assert.Null(two["tstz"]);
        Assert.Equal("2024-01-01T00:00:00.000000Z", Assert.IsType<ExactTimestamp>(two["ltz"]).ToString());
    }
}
