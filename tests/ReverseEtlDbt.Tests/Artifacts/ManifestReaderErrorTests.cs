using ReverseEtlDbt.Artifacts;
using Xunit;

namespace ReverseEtlDbt.Tests.Artifacts;

/// <summary>Files that are not a manifest fail with an <see cref="ArtifactException"/> naming the file and the fix.</summary>
public sealed class ManifestReaderErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retl-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(_dir, "manifest.json");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = Path.Combine(_dir, "target", "manifest.json");

        var ex = Assert.Throws<ArtifactException>(() => ManifestReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("not found", ex.Message);
        Assert.Contains("dbt parse", ex.Message);
    }

    [Fact]
    public async Task Missing_file_fails_the_same_way_when_read_async()
    {
        var path = Path.Combine(_dir, "manifest.json");

        var ex = await Assert.ThrowsAsync<ArtifactException>(() => ManifestReader.ReadAsync(path, CancellationToken.None));

        Assert.Contains(path, ex.Message);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("")]
    [InlineData("{\"metadata\": {\"dbt_schema_version\": ")]
    [InlineData("[1, 2, 3]")]
    public void Text_that_is_not_json_of_a_manifest_names_the_file_and_the_fix(string content)
    {
        var path = Write(content);

        var ex = Assert.Throws<ArtifactException>(() => ManifestReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("Run `dbt parse` or `dbt build`", ex.Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"name\": \"package.json\", \"version\": \"1.0.0\"}")]
    public void Json_without_dbt_metadata_is_not_a_manifest(string content)
    {
        var path = Write(content);

        var ex = Assert.Throws<ArtifactException>(() => ManifestReader.Read(path));

        Assert.Contains($"'{path}' is not a dbt manifest", ex.Message);
    }

    [Theory]
    [InlineData("v6_adinsight_test_errors.json")]
    [InlineData("v5_jaffle_shop_build.json")]
    public void Run_results_read_as_manifest_says_what_it_is(string file)
    {
        var path = Path.Combine(TestPaths.RunResults, file);

        var ex = Assert.Throws<ArtifactException>(() => ManifestReader.Read(path));

        Assert.Contains("is not a dbt manifest", ex.Message);
        Assert.Contains("/run-results/", ex.Message);
    }

    [Fact]
    public async Task Cancelled_read_is_cancelled_not_an_artifact_error()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ManifestReader.ReadAsync(TestPaths.Manifest("v7_fivetran_shopify.json"), cts.Token));
    }
}
