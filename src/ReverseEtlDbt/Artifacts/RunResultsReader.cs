using ReverseEtlDbt.Artifacts.Internal;

namespace ReverseEtlDbt.Artifacts;

/// <summary>
/// Reads dbt's <c>target/run_results.json</c> (schema v4 to v6, dbt-core and Fusion): which nodes
/// the last invocation ran and how each ended, so <c>retl build</c> syncs only what built and passed.
/// </summary>
public static class RunResultsReader
{
    private const string Artifact = "run_results";
    private const string Hint = "Run `dbt build` (or `dbt run` / `dbt test`) in the dbt project to produce target/run_results.json.";

    /// <exception cref="ArtifactException">The file is missing, unreadable, not JSON, or not dbt run results.</exception>
    public static RunResults Read(string path) => Read(path, CancellationToken.None);

    /// <inheritdoc cref="Read(string)"/>
    /// <remarks>Runs the streaming read on the thread pool; <paramref name="ct"/> is checked between buffer fills.</remarks>
    public static Task<RunResults> ReadAsync(string path, CancellationToken ct) => Task.Run(() => Read(path, ct), ct);

    private static RunResults Read(string path, CancellationToken ct) =>
        ToRunResults(path, ArtifactFile.Read(path, ArtifactJsonContext.Default.RunResultsDto, Artifact, Hint, ct));

    private static RunResults ToRunResults(string path, RunResultsDto dto)
    {
        var schema = dto.Metadata?.DbtSchemaVersion;
        if (schema is null)
            throw ArtifactFile.NotAnArtifact(path, Artifact, "it has no metadata.dbt_schema_version", Hint);
        if (!schema.Contains("/run-results/", StringComparison.Ordinal))
            throw ArtifactFile.NotAnArtifact(path, Artifact,
                $"metadata.dbt_schema_version is '{schema}', expected https://schemas.getdbt.com/dbt/run-results/vN.json", Hint);
        var results = (dto.Results ?? []).OfType<RunResultDto>()
            .Where(r => r.UniqueId is not null)
            .Select(r => new RunResult(r.UniqueId!, r.Status ?? "", r.ExecutionTime ?? 0, r.Message, r.Failures, r.RelationName))
            .ToArray();
        return new RunResults(path, schema, dto.Metadata!.DbtVersion, dto.Metadata.InvocationId,
            dto.Metadata.GeneratedAt, dto.Args?.Which, results);
    }
}
