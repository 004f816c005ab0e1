using System.Text.RegularExpressions;
using ReverseEtlDbt.State;
using Xunit;

namespace ReverseEtlDbt.Tests.State;

/// <summary>The ledger has one owner: State/ writes its layout, and the warehouse code (the diff included) never names it.</summary>
public sealed partial class LedgerOwnershipTests
{
    [Fact]
    public void No_file_under_Warehouse_names_a_ledger_table_or_uses_State()
    {
        var tables = StateMigrations.All.SelectMany(m => m.Statements).SelectMany(s => CreatedTable().Matches(s)).Select(m => m.Groups[1].Value)
            .Append("schema_version").ToList();
        Assert.Equal(["synced_rows", "sync_config", "runs", "rejected_rows", "locks", "schema_version"], tables);
        // Short English words ("runs", "locks") count only as quoted identifiers; the others anywhere, comments included.
        var named = tables.Select(t => t.Contains('_', StringComparison.Ordinal) ? $@"\b{t}\b" : $@"\\?""{t}\\?""")
            .Concat([@"\bprimary_key_int\b", @"\bconfig_fingerprint\b", $@"\b{LedgerSchema.DefaultName}\b", @"\bReverseEtlDbt\.State\b", @"\bState\.\w+Ledger"]);
        var pattern = new Regex(string.Join('|', named));

        var folder = Path.Combine(TestPaths.RepoRoot, "src", "ReverseEtlDbt", "Warehouse");
        var offending = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => pattern.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(TestPaths.RepoRoot, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Count() > 10, "Warehouse sources not found");
        Assert.True(offending.Count == 0, "The ledger's layout belongs to State/:\n" + string.Join('\n', offending));
    }

    [GeneratedRegex(@"CREATE TABLE \{0\}\.""(\w+)""")]
    private static partial Regex CreatedTable();
}
