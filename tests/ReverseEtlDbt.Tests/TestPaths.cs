namespace ReverseEtlDbt.Tests;

/// <summary>Where the repository, the example project and the shared dbt fixtures are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>../shared/fixtures</c> next to the repository (CI has it there too).</summary>
    public static string Fixtures { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures"));

    public static string Manifests => Path.Combine(Fixtures, "manifests");
    public static string RunResults => Path.Combine(Fixtures, "run_results");
    public static string Example => Path.Combine(RepoRoot, "dbt_example");

    public static string Manifest(string name) => Path.Combine(Manifests, name);

    public static IEnumerable<object[]> AllManifests() =>
        Directory.GetFiles(Manifests, "*.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReverseEtlDbt.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReverseEtlDbt.sln not found above " + AppContext.BaseDirectory);
    }
}
