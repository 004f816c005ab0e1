namespace DbtStandIn.Project;

/// <summary>The profiles.yml output the run uses. Only <c>duckdb</c> targets can be executed.</summary>
public sealed record ProfileTarget(string Name, string Type, string Schema, string DuckDbPath)
{
    /// <summary>dbt-duckdb names the catalog after the database file's stem.</summary>
    public string Database => Path.GetFileNameWithoutExtension(DuckDbPath);
}
