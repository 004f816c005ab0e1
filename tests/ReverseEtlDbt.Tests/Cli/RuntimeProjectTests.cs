using ReverseEtlDbt.Cli.Commands;
using ReverseEtlDbt.Tests.Example;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

public class RuntimeProjectTests
{
    [Fact]
    public async Task Connection_problem_refuses_only_the_syncs_that_use_that_connection()
    {
        using var copy = new ExampleProjectCopy();
        Directory.CreateDirectory(copy.Target);
        File.Copy(Path.Combine(TestPaths.Example, "target", "manifest.json"), Path.Combine(copy.Target, "manifest.json"));
        var connections = Path.Combine(copy.Dir, "retl_connections.yml");
        File.WriteAllText(connections, File.ReadAllText(connections).Replace("  batch_size: 100", "  batch_sise: 100"));

        await using var runtime = await RuntimeProject.PrepareAsync(new ProjectSettings { ProjectDir = copy.Dir }, _ => null);

        Assert.Equal(["account_tiers__webhook__account_tier_changed", "high_value_audience__webhook__audience_high_value"],
            runtime.Refused.Select(o => o.Sync.Id).Order(StringComparer.Ordinal));
        Assert.All(runtime.Refused, o => Assert.Contains("batch_sise", Assert.Single(o.Errors).Message));
        Assert.Equal(["account_tiers__sales_crm__Account", "customer_health__hubspot__contacts", "customer_health__support_desk__users",
                "customer_health__warehouse_app__public_customer_health_scores", "high_value_audience__meta_ads__120210000000000001"],
            runtime.Runnable.Select(p => p.Sync.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, ReverseEtlDbt.Engine.Outcomes.OutcomeTable.ExitCode(runtime.Refused));
    }
}
