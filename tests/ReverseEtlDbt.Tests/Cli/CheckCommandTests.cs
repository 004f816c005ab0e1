using ReverseEtlDbt.Tests.Example;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

public class CheckCommandTests
{
    private const string Marts = "models/marts/_marts.yml";

    /// <summary>A copy of the example whose marts YAML was edited, re-parsed into its manifest by the dbt stand-in.</summary>
    private static ExampleProjectCopy ExampleWith(Func<string, string> edit)
    {
        var copy = new ExampleProjectCopy();
        var yaml = Path.Combine(copy.Dir, Marts);
        var before = File.ReadAllText(yaml);
        var after = edit(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(yaml, after);
        var parse = DbtStandInProcess.Run(["parse", "--project-dir", copy.Dir]);
        Assert.True(parse.ExitCode == 0, parse.Output);
        return copy;
    }

    [Fact]
    public async Task Check_on_the_example_passes()
    {
        var (code, stdout, stderr) = await RetlInProcess.RunAsync("check", "--project-dir", TestPaths.Example);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("All checks passed: 7 syncs", stdout);
    }

    [Fact]
    public async Task Pii_column_mapped_without_allow_pii_exits_2_naming_model_column_and_file()
    {
        using var copy = ExampleWith(y => y.Replace("              static: {lifecycle_stage: customer}\n              allow_pii: [email]\n", "              static: {lifecycle_stage: customer}\n"));

        var (code, stdout, _) = await RetlInProcess.RunAsync("check", "--project-dir", copy.Dir);

        Assert.Equal(2, code);
        Assert.Contains("Error in model customer_health (models/marts/_marts.yml:", stdout);
        Assert.Contains("PII column 'email'", stdout);
        Assert.Contains("[pii_not_allowed]", stdout);
    }

    [Fact]
    public async Task Synced_model_without_a_contract_exits_2()
    {
        using var copy = ExampleWith(y => y.Replace(
            "  - name: account_tiers\n    description: One row per company account with its commercial tier, sent as webhook events and to Salesforce accounts.\n    config:\n      contract: {enforced: true}\n",
            "  - name: account_tiers\n    description: One row per company account with its commercial tier, sent as webhook events and to Salesforce accounts.\n    config:\n"));

        var (code, stdout, _) = await RetlInProcess.RunAsync("check", "--project-dir", copy.Dir);

        Assert.Equal(2, code);
        Assert.Contains("Model 'account_tiers' is synced but its contract is not enforced", stdout);
    }

    [Fact]
    public async Task Unknown_key_names_file_model_and_key_path_at_its_yaml_line()
    {
        using var copy = ExampleWith(y => y.Replace("              mode: upsert\n              match: {column: email", "              mode: upsert\n              feilds: {}\n              match: {column: email"));
        var line = File.ReadAllLines(Path.Combine(copy.Dir, Marts)).ToList().FindIndex(l => l.Contains("feilds", StringComparison.Ordinal)) + 1;

        var (code, stdout, _) = await RetlInProcess.RunAsync("check", "--project-dir", copy.Dir, "--format", "github");

        Assert.Equal(2, code);
        Assert.Contains($"::error file=", stdout);
        Assert.Contains($"models/marts/_marts.yml,line={line},title=retl check%3A unknown_key::Unknown key 'feilds' in 'config.meta.sync.destinations[0]'", stdout);
        Assert.Contains("(model customer_health, config.meta.sync.destinations[0].feilds)", stdout);
        Assert.Contains("Did you mean 'fields'?", stdout);
    }

    [Fact]
    public async Task Junit_report_is_written_to_a_file_with_one_case_per_sync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"retl-junit-{Guid.NewGuid():N}.xml");

        var (code, _, _) = await RetlInProcess.RunAsync("check", "--project-dir", TestPaths.Example, "--format", "junit", "--output", file);

        Assert.Equal(0, code);
        var xml = System.Xml.Linq.XDocument.Load(file);
        Assert.Equal(7, xml.Descendants("testcase").Count());
        Assert.Empty(xml.Descendants("failure"));
    }

    [Fact]
    public async Task Check_works_with_every_env_var_unset()
    {
        foreach (var name in new[] { "HUBSPOT_TOKEN", "RETL_WEBHOOK_SECRET", "RETL_CONNECTIONS" })
            Assert.Null(Environment.GetEnvironmentVariable(name));

        var (code, _, _) = await RetlInProcess.RunAsync("check", "--project-dir", TestPaths.Example, "--format", "json");

        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Unknown_format_is_a_usage_error()
    {
        var (code, _, stderr) = await RetlInProcess.RunAsync("check", "--project-dir", TestPaths.Example, "--format", "xml");

        Assert.Equal(2, code);
        Assert.Contains("--format must be text, github, junit or json", stderr);
    }
}
