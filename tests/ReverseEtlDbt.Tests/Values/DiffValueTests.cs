using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Values;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Values;

public sealed class DiffValueTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task Diff_reads_every_digit_and_timestamptz_in_utc(WarehouseKind kind)
    {
        await using var db = await ExtremeValues.OpenAsync(kind);

        var rows = await new DiffReader(db.Warehouse).ReadAsync(await ExtremeValues.SpecAsync(db, ExtremeValues.Sync(kind)), default).ToListAsync();

        var one = rows.Single(r => r.PrimaryKey == "1").Values;
        Assert.Equal(ExtremeValues.Decimal38, Text<ExactNumber>(one["d38"]));
        Assert.Equal(ExtremeValues.Nines38, Text<ExactNumber>(one["n38"]));
        Assert.Equal("-" + ExtremeValues.Decimal38, Text<ExactNumber>(one["neg"]));
        Assert.Equal(long.MaxValue, one["big"]);
        Assert.Equal(0.1, one["dbl"]);
        Assert.Equal(new DateOnly(2024, 2, 29), one["day"]);
        Assert.Equal("2024-01-02T03:04:05.123456", Text<ExactTimestamp>(one["ts"]));
        Assert.Equal("2024-01-02T02:04:05.123456Z", Text<ExactTimestamp>(one["tstz"]));
        if (kind == WarehouseKind.DuckDb) Assert.Equal(ExtremeValues.HugeMax, Text<ExactNumber>(one["hug"]));
        var two = rows.Single(r => r.PrimaryKey == "2").Values;
        Assert.Equal("-" + ExtremeValues.Nines38, Text<ExactNumber>(two["n38"]));
        Assert.Equal(long.MinValue, two["big"]);
        Assert.Equal("NaN", Assert.IsType<UnsendableValue>(two["dbl"]).Text);
        Assert.Equal("infinity", Assert.IsType<UnsendableValue>(two["day"]).Text);
        Assert.Equal("infinity", Assert.IsType<UnsendableValue>(two["ts"]).Text);
        Assert.Equal("-infinity", Assert.IsType<UnsendableValue>(two["tstz"]).Text);
        Assert.IsType<UnsendableValue>(rows.Single(r => r.PrimaryKey == "3").Values["dbl"]);
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task Plan_samples_and_materialised_pages_read_the_same_exact_values(WarehouseKind kind)
    {
        await using var db = await ExtremeValues.OpenAsync(kind);
        var spec = await ExtremeValues.SpecAsync(db, ExtremeValues.Sync(kind));
        var reader = new DiffReader(db.Warehouse);

        await using var diff = await reader.MaterializeAsync(spec, default, pageSize: 2);
        var paged = await diff.ReadAsync(default).ToListAsync();
        await using var keysOnly = await reader.MaterializeAsync(spec, default, withValues: false); // as retl plan reads it
        var sample = await keysOnly.SampleAsync(5, default);

        Assert.Equal(ExtremeValues.Decimal38, Text<ExactNumber>(sample.Single(r => r.PrimaryKey == "1").Values["d38"]));
        Assert.Equal(ExtremeValues.Decimal38, Text<ExactNumber>(paged.Single(r => r.PrimaryKey == "1").Values["d38"]));
        Assert.Equal("2024-01-02T02:04:05.123456Z", Text<ExactTimestamp>(paged.Single(r => r.PrimaryKey == "1").Values["tstz"]));
    }

    private static string Text<T>(object? value) where T : IFormattable => Assert.IsType<T>(value).ToString(null, null);
}
