using ReverseEtlDbt.Artifacts;
using Xunit;

namespace ReverseEtlDbt.Tests.Artifacts;

/// <summary>Every real run_results under shared/fixtures reads, with the statuses the fixtures README lists.</summary>
public sealed class RunResultsReaderTests
{
    private static string Fixture(string file) => Path.Combine(TestPaths.RunResults, file);

    public static TheoryData<string, string, string, string> Fixtures => new()
    {
        { "v4_jaffle_shop_build_error.json", "build", "5b7ab67d-5559-49b8-9373-35eab8b9f2f7", "error=1 pass=20 success=8" },
        { "v4_dbt_bouncer_docs_generate.json", "generate", "9f56f541-802e-4eb0-80e1-cb98959e5f94", "success=38" },
        { "v5_jaffle_shop_build.json", "build", "7ee58a18-366a-45b0-a0f2-a8a09f5e87ec", "pass=20 success=38" },
        { "v6_adinsight_test_errors.json", "test", "b415820e-e584-4d7b-855b-0427bff11b2f", "error=2 pass=8" },
        { "v6_dbt_fusion_2_0_build.json", "build", "01a01f6c-fe2a-7c61-96fc-75fb49790e5c", "pass=44 skipped=3 success=15" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Run_results_status_counts_match_the_fixtures_readme(string file, string command, string invocationId, string statuses)
    {
        var results = RunResultsReader.Read(Fixture(file));

        Assert.Equal(command, results.Command);
        Assert.Equal(invocationId, results.InvocationId);
        Assert.NotNull(results.GeneratedAt);
        Assert.Equal(statuses, string.Join(' ', results.Results.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}")));
    }

    [Fact]
    public async Task Error_results_keep_their_message_and_async_matches_sync()
    {
        var path = Fixture("v6_adinsight_test_errors.json");
        var results = await RunResultsReader.ReadAsync(path, CancellationToken.None);

        var error = Assert.Single(results.Results, r => r.UniqueId == "test.adinsight.not_null_marketing_insights_dimension.d7bb46140b");
        Assert.Equal("error", error.Status);
        Assert.Contains("Timestamp 'AutoModerator' is not recognized", error.Message);
        Assert.Null(error.Failures);
        Assert.Equal(RunResultsReader.Read(path).Results, results.Results);
    }

    [Fact]
    public void Relation_name_and_execution_time_are_read()
    {
        var seed = RunResultsReader.Read(Fixture("v6_dbt_fusion_2_0_build.json")).Results[0];

        Assert.Equal("seed.dbt_bouncer_test_project.raw_customers", seed.UniqueId);
        Assert.Equal("\"dbt\".\"main\".\"raw_customers\"", seed.RelationName);
        Assert.Equal(0.019937356, seed.ExecutionTime, 9);
    }

    [Fact]
    public void Manifest_read_as_run_results_says_what_it_is()
    {
        var path = Fixture("v6_adinsight_manifest.json");

        var ex = Assert.Throws<ArtifactException>(() => RunResultsReader.Read(path));

        Assert.Contains($"'{path}' is not a dbt run_results", ex.Message);
        Assert.Contains("/manifest/", ex.Message);
    }

    [Fact]
    public void Missing_run_results_names_the_path_and_the_fix()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "run_results.json");

        var ex = Assert.Throws<ArtifactException>(() => RunResultsReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("dbt build", ex.Message);
    }
}
