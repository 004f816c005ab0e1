namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>Turns one wire node (with its columns and constraints) into a <see cref="ManifestNode"/>.</summary>
internal static class NodeMapper
{
    /// <param name="key">The node's key in <c>nodes</c>/<c>unit_tests</c>, used when <c>unique_id</c> is missing.</param>
    /// <param name="resourceType">Forced resource type (for the <c>unit_tests</c> section), else the node's own.</param>
    public static ManifestNode ToNode(string key, NodeDto dto, string? resourceType = null)
    {
        var type = resourceType ?? dto.ResourceType ?? "unknown";
        return new ManifestNode
        {
            UniqueId = dto.UniqueId ?? key,
            ResourceType = type,
            Name = dto.Name ?? "",
            PackageName = dto.PackageName ?? "",
            Database = dto.Database,
            Schema = dto.Schema,
            Alias = dto.Alias,
            RelationName = dto.RelationName,
            Path = dto.Path ?? "",
            OriginalFilePath = dto.OriginalFilePath ?? "",
            PatchPath = dto.PatchPath,
            Materialized = dto.Config?.Materialized,
            Tags = Strings(dto.Tags),
            Meta = dto.Meta,
            ConfigMeta = dto.Config?.Meta,
            Contract = ToContract(dto),
            Columns = dto.Columns is { Count: > 0 } columns ? columns.Select(ToColumn).ToArray() : [],
            Constraints = ToConstraints(dto.Constraints),
            DependsOnNodes = Strings(dto.DependsOn?.Nodes),
            Version = dto.Version,
            LatestVersion = dto.LatestVersion,
            Access = dto.Access,
            Group = dto.Group,
            Test = type is "test" or "unit_test" ? ToTest(dto) : null,
        };
    }

    // config.contract is what dbt enforces; the node-level copy only fills gaps.
    private static ModelContract ToContract(NodeDto dto)
    {
        var config = dto.Config?.Contract;
        var node = dto.Contract;
        var enforced = config?.Enforced ?? node?.Enforced ?? false;
        var aliasTypes = config?.AliasTypes ?? node?.AliasTypes ?? true;
        return enforced || !aliasTypes ? new ModelContract(enforced, aliasTypes) : ModelContract.None;
    }

    // Attached node is resolved later, once every node is known (see ManifestMapper).
    private static TestMetadata ToTest(NodeDto dto) => new(
        dto.TestMetadata?.Name ?? dto.Name ?? "",
        dto.ColumnName ?? dto.TestMetadata?.Kwargs?.ColumnName,
        dto.AttachedNode);

    private static ManifestColumn ToColumn(KeyValuePair<string, ColumnDto?> entry)
    {
        var dto = entry.Value;
        if (dto is null) return new ManifestColumn { Name = entry.Key };
        var tags = Strings(dto.Tags);
        var configTags = Strings(dto.Config?.Tags);
        return new ManifestColumn
        {
            Name = dto.Name ?? entry.Key,
            DataType = string.IsNullOrWhiteSpace(dto.DataType) ? null : dto.DataType,
            Constraints = ToConstraints(dto.Constraints),
            Meta = MetaMerge.Merge(dto.Meta, dto.Config?.Meta),
            Tags = configTags.Length == 0 ? tags : tags.Union(configTags, StringComparer.Ordinal).ToArray(),
        };
    }

    private static ColumnConstraint[] ToConstraints(List<ConstraintDto?>? constraints) =>
        constraints is { Count: > 0 }
            ? constraints.OfType<ConstraintDto>().Select(c => new ColumnConstraint(
                c.Type ?? "", c.Name, c.Expression, NullIfEmpty(c.Columns), c.To, NullIfEmpty(c.ToColumns))).ToArray()
            : [];

    private static string[]? NullIfEmpty(List<string?>? values) =>
        values is { Count: > 0 } ? Strings(values) : null;

    private static string[] Strings(List<string?>? values) =>
        values is { Count: > 0 } ? values.OfType<string>().ToArray() : [];
}
