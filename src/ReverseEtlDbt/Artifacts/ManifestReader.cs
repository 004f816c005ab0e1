using ReverseEtlDbt.Artifacts.Internal;

namespace ReverseEtlDbt.Artifacts;

/// <summary>
/// Reads dbt's <c>target/manifest.json</c> (schema v4 to v12, dbt-core and Fusion) into a
/// <see cref="DbtManifest"/>. The file is streamed into small wire types that declare only what retl
/// keeps, so memory follows the number of nodes, not the megabytes of SQL the file carries.
/// </summary>
public static class ManifestReader
{
    private const string Artifact = "manifest";
    private const string Hint = "Run `dbt parse` or `dbt build` in the dbt project to produce target/manifest.json.";

    /// <exception cref="ArtifactException">The file is missing, unreadable, not JSON, or not a dbt manifest.</exception>
    public static DbtManifest Read(string path) => Read(path, CancellationToken.None);

    /// <inheritdoc cref="Read(string)"/>
    /// <remarks>Runs the streaming read on the thread pool; <paramref name="ct"/> is checked between buffer fills.</remarks>
    public static Task<DbtManifest> ReadAsync(string path, CancellationToken ct) => Task.Run(() => Read(path, ct), ct);

    private static DbtManifest Read(string path, CancellationToken ct) =>
        ToManifest(path, ArtifactFile.Read(path, ArtifactJsonContext.Default.ManifestDto, Artifact, Hint, ct));

    private static DbtManifest ToManifest(string path, ManifestDto dto) =>
        ManifestMapper.ToManifest(path, dto, ToMetadata(path, dto.Metadata));

    private static ManifestMetadata ToMetadata(string path, ManifestMetadataDto? metadata)
    {
        var schema = metadata?.DbtSchemaVersion;
        if (schema is null)
            throw ArtifactFile.NotAnArtifact(path, Artifact, "it has no metadata.dbt_schema_version", Hint);
        if (!schema.Contains("/manifest/", StringComparison.Ordinal))
            throw ArtifactFile.NotAnArtifact(path, Artifact,
                $"metadata.dbt_schema_version is '{schema}', expected https://schemas.getdbt.com/dbt/manifest/vN.json", Hint);
        return new ManifestMetadata(
            schema,
            ManifestMapper.SchemaVersionNumber(schema),
            metadata!.DbtVersion,
            metadata.InvocationId,
            metadata.GeneratedAt,
            metadata.ProjectName,
            metadata.AdapterType);
    }
}
