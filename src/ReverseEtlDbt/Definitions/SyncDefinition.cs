using System.Text.Json;

namespace ReverseEtlDbt.Definitions;

/// <summary>A synced model: its <c>meta.sync</c> block, validated.</summary>
public sealed record SyncDefinition(
    string ModelUniqueId,
    string ModelName,
    /// <summary>YAML file that declares the block, relative to the project dir (from <c>patch_path</c>).</summary>
    string? YamlFile,
    string PrimaryKey,
    IReadOnlyList<DestinationSync> Destinations);

/// <summary>
/// One destination entry of a <c>meta.sync</c> block: one sync, with a stable <see cref="Id"/>
/// (<c>&lt;model&gt;__&lt;connection&gt;__&lt;object&gt;</c> unless <c>id:</c> is given).
/// </summary>
public sealed record DestinationSync
{
    public required string Id { get; init; }
    public required string ModelUniqueId { get; init; }
    public required string ModelName { get; init; }
    public required string PrimaryKey { get; init; }
    public required string Connection { get; init; }
    public required string Object { get; init; }
    public required SyncMode Mode { get; init; }
    public MatchSpec? Match { get; init; }
    public IReadOnlyList<FieldMapping> Fields { get; init; } = [];
    /// <summary>Constant fields; values are JSON scalars (string, number, boolean, null).</summary>
    public IReadOnlyDictionary<string, JsonElement> Static { get; init; } = new Dictionary<string, JsonElement>();
    /// <summary>Columns normalised (trim, lower-case) and SHA-256 hashed before sending.</summary>
    public IReadOnlyList<string> Hash { get; init; } = [];
    public IReadOnlyList<string> AllowPii { get; init; } = [];
    public NullPolicy Nulls { get; init; } = NullPolicy.Clear;
    public DeletePolicy Delete { get; init; } = DeletePolicy.Delete;
    /// <summary>Index of this entry in <c>destinations</c>, for pointing errors at the YAML.</summary>
    public int Index { get; init; }
    public string? YamlFile { get; init; }

    /// <summary>Every model column this sync reads, primary key first, without duplicates.</summary>
    public IReadOnlyList<string> Columns =>
        new[] { PrimaryKey }
            .Concat(Match is null ? [] : [Match.Column])
            .Concat(Fields.Select(f => f.Column))
            .Concat(Hash)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}

/// <summary>How a row finds its destination record: model <see cref="Column"/> ↔ destination <see cref="Field"/>.</summary>
public sealed record MatchSpec(string Column, string Field);

public sealed record FieldMapping(string Column, string Field);

public enum SyncMode
{
    /// <summary>Create or update by the match key.</summary>
    Upsert,
    /// <summary>Update existing records only.</summary>
    Update,
    /// <summary>Create only, with an idempotency key.</summary>
    Insert,
    /// <summary>Upsert, and delete (or archive) the records this sync wrote whose rows left the model.</summary>
    Mirror,
}

public enum NullPolicy
{
    /// <summary>A null clears the destination field (the warehouse is the source of truth).</summary>
    Clear,
    /// <summary>A null leaves the destination value alone.</summary>
    Skip,
}

public enum DeletePolicy
{
    /// <summary>Hard delete (the destination's delete call).</summary>
    Delete,
    /// <summary>Archive / soft delete where the destination offers it.</summary>
    Archive,
    /// <summary>Never delete: removed rows are only dropped from state.</summary>
    None,
}
