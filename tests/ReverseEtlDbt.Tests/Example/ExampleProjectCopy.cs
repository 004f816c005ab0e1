namespace ReverseEtlDbt.Tests.Example;

/// <summary>
/// A throwaway copy of dbt_example (without target/ and the DuckDB file), so tests can build it
/// without touching the committed artifacts or each other.
/// </summary>
public sealed class ExampleProjectCopy : IDisposable
{
    public ExampleProjectCopy()
    {
        Dir = Path.Combine(Path.GetTempPath(), "retl-example-" + Guid.NewGuid().ToString("N")[..12]);
        Copy(new DirectoryInfo(TestPaths.Example), Dir);
    }

    public string Dir { get; }
    public string Target => Path.Combine(Dir, "target");
    public string DuckDbFile => Path.Combine(Dir, "retl_example.duckdb");

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { /* a leftover temp dir is harmless */ }
    }

    private static void Copy(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.GetFiles().Where(f => !f.Name.Contains(".duckdb", StringComparison.Ordinal)))
            file.CopyTo(Path.Combine(to, file.Name));
        foreach (var dir in from.GetDirectories().Where(d => d.Name is not ("target" or "logs")))
            Copy(dir, Path.Combine(to, dir.Name));
    }
}
