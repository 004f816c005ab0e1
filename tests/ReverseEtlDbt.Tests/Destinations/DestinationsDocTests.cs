using System.Globalization;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations;

/// <summary>docs/destinations/README.md's table says what each type's factory declares, and lists every type.</summary>
public sealed class DestinationsDocTests
{
    private static readonly string Page = Path.Combine(TestPaths.RepoRoot, "docs", "destinations", "README.md");

    [Fact]
    public void The_registry_lists_every_destination_factory_in_the_assembly()
    {
        var factories = typeof(DestinationRegistry).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDestinationFactory).IsAssignableFrom(t))
            .Select(t => ((IDestinationFactory)Activator.CreateInstance(t)!).Type);

        Assert.Equal(factories.Order(StringComparer.Ordinal), DestinationRegistry.Default.Types);
    }

    [Fact]
    public void Capability_table_matches_every_destination_type()
    {
        var rows = File.ReadLines(Page)
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1])
            .ToDictionary(cells => cells[0].Trim('`'));

        Assert.Equal(DestinationRegistry.Default.Types.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (type, cells) in rows)
        {
            var capabilities = DestinationRegistry.Default.Find(type)!.Capabilities;
            var limit = capabilities.DocumentedRateLimit;
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Page)!, cells[1].Split("](")[1].TrimEnd(')'))), $"{type}: page link");
            Assert.Equal(Names(capabilities.Modes), cells[2]);
            Assert.Equal(capabilities.MaxBatchSize.ToString(CultureInfo.InvariantCulture), cells[3]);
            Assert.Equal($"{limit.Requests} per {limit.Per.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", cells[4]);
            Assert.Equal(Names(capabilities.DeletePolicies), cells[5]);
            Assert.Equal(capabilities.RequiresMatch ? "yes" : "no", cells[6]);
        }
    }

    private static string Names<T>(IEnumerable<T> values) where T : struct, Enum =>
        string.Join(", ", values.Order().Select(v => v.ToString().ToLowerInvariant()));
}
