namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// A <c>type: duckdb</c> target. <see cref="Path"/> is <c>:memory:</c> or an absolute file path: a relative
/// <c>path:</c> is resolved against the dbt project dir (dbt-duckdb resolves it against the working dir,
/// which is the project dir whenever dbt is run as documented; retl may run from elsewhere, so it pins it).
/// </summary>
public sealed record DuckDbProfileTarget : ProfileTarget
{
    public const string InMemory = ":memory:";

    public override string Type => "duckdb";

    public override bool Embedded => true;

    public required string Path { get; init; }

    /// <summary>The catalog name DuckDB gives the file: its stem (<c>dev.duckdb</c> → <c>dev</c>), or <c>memory</c>.</summary>
    public required string Database { get; init; }

    public bool IsInMemory => Path == InMemory;

    /// <summary>DuckDB settings from the profile's <c>settings:</c> map, as dbt-duckdb applies them (<c>memory_limit: 1GB</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The catalog name DuckDB gives a database opened from <paramref name="path"/>.</summary>
    public static string DatabaseNameFor(string path) =>
        path == InMemory ? "memory" : System.IO.Path.GetFileNameWithoutExtension(path);
}
