using System.Text.Json;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

public class LsCommandTests
{
    [Theory]
    [MemberData(nameof(TestPaths.AllManifests), MemberType = typeof(TestPaths))]
    public async Task Ls_exits_0_on_every_fixture_manifest(string fixture)
    {
        var project = Path.Combine(Path.GetTempPath(), $"retl-ls-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(project, "target"));
        File.Copy(TestPaths.Manifest(fixture), Path.Combine(project, "target", "manifest.json"));

        var (code, stdout, stderr) = await RetlInProcess.RunAsync("ls", "--project-dir", project);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("No syncs found", stdout);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task Ls_lists_the_example_syncs_as_json()
    {
        var (code, stdout, _) = await RetlInProcess.RunAsync("ls", "--project-dir", TestPaths.Example, "--output", "json");

        Assert.Equal(0, code);
        var syncs = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(7, syncs.Count);
        var hubspot = syncs.Single(s => s.GetProperty("id").GetString() == "customer_health__hubspot__contacts");
        Assert.Equal(("customer_health", "hubspot", "contacts", "upsert", 3),
            (hubspot.GetProperty("model").GetString(), hubspot.GetProperty("connection").GetString(), hubspot.GetProperty("object").GetString(),
             hubspot.GetProperty("mode").GetString(), hubspot.GetProperty("fields").GetInt32()));
    }

    [Fact]
    public async Task Ls_selects_by_model_name_and_tag()
    {
        var (_, byName, _) = await RetlInProcess.RunAsync("ls", "--project-dir", TestPaths.Example, "--select", "account_tiers", "--output", "json");
        var (_, byTag, _) = await RetlInProcess.RunAsync("ls", "--project-dir", TestPaths.Example, "--select", "tag:nonexistent", "--output", "json");

        Assert.Equal(["account_tiers__sales_crm__Account", "account_tiers__webhook__account_tier_changed"],
            JsonDocument.Parse(byName).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Empty(JsonDocument.Parse(byTag).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Missing_manifest_is_a_clear_error_with_exit_2()
    {
        var (code, _, stderr) = await RetlInProcess.RunAsync("ls", "--project-dir", Path.GetTempPath());

        Assert.Equal(2, code);
        Assert.Contains("manifest.json", stderr);
        Assert.Contains("dbt", stderr);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error_with_exit_2()
    {
        var (code, _, _) = await RetlInProcess.RunAsync("ls", "--bogus");

        Assert.Equal(2, code);
    }
}
