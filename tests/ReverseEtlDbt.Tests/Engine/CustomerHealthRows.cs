using ReverseEtlDbt.Tests.Support;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Changes to the built customer_health table that stand in for a new dbt build.</summary>
public static class CustomerHealthRows
{
    /// <summary>Grows the table (50 rows as built) to <paramref name="total"/> rows.</summary>
    public static Task GrowAsync(SyncHarness harness, int total) => harness.ExecuteAsync($"""
        insert into main.customer_health
        select 1000 + i, 'extra' || i || '@example.com', 'Extra', cast(i % 100 as integer), 'silver', 120.0, null
        from range({total - 50}) t(i)
        """);
}
