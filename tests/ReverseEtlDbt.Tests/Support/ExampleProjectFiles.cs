using Xunit;

namespace ReverseEtlDbt.Tests.Support;

/// <summary>Edits of a copy of the example project that tests make before syncing it.</summary>
internal static class ExampleProjectFiles
{
    /// <summary>customer_health's <c>warehouse_app</c> destination: what is added before it becomes one more destination of that model.</summary>
    public const string WarehouseAppDestination = "            - connection: warehouse_app\n";

    /// <summary>Adds <paramref name="entry"/> (YAML lines ending with a newline) to <c>models/marts/_marts.yml</c> right before <paramref name="anchor"/>.</summary>
    public static void AddDestination(string projectDir, string anchor, string entry)
    {
        var yaml = Path.Combine(projectDir, "models", "marts", "_marts.yml");
        var text = File.ReadAllText(yaml);
        Assert.Contains(anchor, text, StringComparison.Ordinal);
        File.WriteAllText(yaml, text.Replace(anchor, entry + anchor, StringComparison.Ordinal));
    }
}
