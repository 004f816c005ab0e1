using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Checks.Formatters;
using ReverseEtlDbt.Definitions;
using Snapshooter.Xunit;
using Xunit;

namespace ReverseEtlDbt.Tests.Checks;

public class CheckReportSnapshotTests
{
    private static CheckReport Report() => new(
    [
        new Diagnostic
        {
            Code = "pii_not_allowed", File = "models/marts/_marts.yml", Line = 14, Model = "customer_health",
            SyncId = "customer_health__hubspot__contacts", KeyPath = "config.meta.sync.destinations[0].allow_pii",
            Message = "PII column 'email' of model 'customer_health' would reach hubspot.contacts (sync 'customer_health__hubspot__contacts') but is neither in allow_pii nor hashed",
            Hint = "Add `allow_pii: [email]` if this destination may receive it, or `hash: [email]` to send its SHA-256.",
        },
        new Diagnostic
        {
            Code = "contract_not_enforced", File = "models/marts/_marts.yml", Line = 30, Model = "account_tiers",
            KeyPath = "config.contract.enforced", Message = "Model 'account_tiers' is synced but its contract is not enforced",
            Hint = "Add `config: {contract: {enforced: true}}` to the model and declare every column with its data_type.",
        },
        new Diagnostic
        {
            Code = "secret_in_file", Severity = DiagnosticSeverity.Warning, File = "retl_connections.yml", Line = 1, KeyPath = "hubspot",
            Message = "Connection 'hubspot' key 'token' holds a literal credential, with a comma",
        },
    ], Models: 2, Syncs: 3, SyncIds: ["customer_health__hubspot__contacts", "account_tiers__webhook__tiers", "high_value__webhook__audience"]);

    [Fact]
    public void Text_report_matches_snapshot() => Snapshot.Match(TextCheckFormatter.Render(Report()));

    [Fact]
    public void GitHub_annotations_match_snapshot() => Snapshot.Match(GitHubCheckFormatter.Render(Report(), "dbt_example"));

    [Fact]
    public void JUnit_report_matches_snapshot() => Snapshot.Match(JUnitCheckFormatter.Render(Report()));

    [Fact]
    public void Json_report_matches_snapshot() => Snapshot.Match(JsonCheckFormatter.Render(Report()));

    [Fact]
    public void GitHub_annotation_escapes_commas_and_newlines_in_properties()
    {
        var text = GitHubCheckFormatter.Render(Report(), "");

        Assert.Contains("::error file=models/marts/_marts.yml,line=14,title=retl check%3A pii_not_allowed::", text);
        Assert.Contains("%0AAdd `allow_pii", text);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void JUnit_report_has_one_case_per_sync_and_counts_failures()
    {
        var xml = System.Xml.Linq.XDocument.Parse(JUnitCheckFormatter.Render(Report()));

        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("4", suite.Attribute("tests")!.Value);
        Assert.Equal("2", suite.Attribute("failures")!.Value);
    }
}
