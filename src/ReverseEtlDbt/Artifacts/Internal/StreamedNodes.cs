using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>
/// The target the serializer fills for <c>nodes</c>: each wire node is mapped to a
/// <see cref="ManifestNode"/> the moment it is read, so the wire objects of a 100 MB manifest never
/// exist all at once. Only what the serializer calls (the indexer setter) is supported.
/// </summary>
internal class StreamedNodes : IDictionary<string, NodeDto?>
{
    /// <summary>Mapped nodes by unique id; a duplicated id keeps the first node rather than failing the read.</summary>
    public Dictionary<string, ManifestNode> Mapped { get; } = new(StringComparer.Ordinal);

    /// <summary>For tests without <c>attached_node</c>: the name of the node they test, when the file says.</summary>
    public Dictionary<string, string?> TestTargets { get; } = new(StringComparer.Ordinal);

    protected virtual string? ResourceType => null;

    public NodeDto? this[string key]
    {
        get => throw new NotSupportedException();
        set
        {
            if (value is null) return;
            var node = NodeMapper.ToNode(key, value, ResourceType);
            if (!Mapped.TryAdd(node.UniqueId, node) || node.Test is not { AttachedNode: null }) return;
            TestTargets[node.UniqueId] = value.Model ?? ManifestMapper.RefName(value.TestMetadata?.Kwargs?.Model);
        }
    }

    public void Add(string key, NodeDto? value) => this[key] = value;
    public void Add(KeyValuePair<string, NodeDto?> item) => this[item.Key] = item.Value;
    public int Count => Mapped.Count;
    public bool IsReadOnly => false;
    public ICollection<string> Keys => Mapped.Keys;
    public ICollection<NodeDto?> Values => throw new NotSupportedException();
    public bool ContainsKey(string key) => Mapped.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out NodeDto? value) => throw new NotSupportedException();
    public bool Remove(string key) => throw new NotSupportedException();
    public bool Remove(KeyValuePair<string, NodeDto?> item) => throw new NotSupportedException();
    public void Clear() => Mapped.Clear();
    public bool Contains(KeyValuePair<string, NodeDto?> item) => throw new NotSupportedException();
    public void CopyTo(KeyValuePair<string, NodeDto?>[] array, int arrayIndex) => throw new NotSupportedException();
    public IEnumerator<KeyValuePair<string, NodeDto?>> GetEnumerator() => throw new NotSupportedException();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The <c>unit_tests</c> section (v12): same mapping, resource type forced to <c>unit_test</c>.</summary>
internal sealed class StreamedUnitTests : StreamedNodes
{
    protected override string? ResourceType => "unit_test";
}
