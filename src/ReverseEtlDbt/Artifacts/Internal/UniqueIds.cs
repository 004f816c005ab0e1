namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>
/// Makes every mention of a node id (depends_on, parent_map, child_map) share the one string
/// instance of the node's own <c>unique_id</c>. A manifest repeats each id many times over in its
/// maps; sharing keeps a 100 MB manifest's graph from costing tens of MB of duplicate strings.
/// </summary>
internal sealed class UniqueIds(IEnumerable<string> ids)
{
    private readonly HashSet<string> _ids = new(ids, StringComparer.Ordinal);

    public string Share(string id) => _ids.TryGetValue(id, out var shared) ? shared : id;

    /// <summary>Replaces each id of a list the reader itself allocated, in place.</summary>
    public void ShareAll(IReadOnlyList<string> list)
    {
        switch (list)
        {
            case string[] array:
                for (var i = 0; i < array.Length; i++) array[i] = Share(array[i]);
                break;
            case List<string> mutable:
                for (var i = 0; i < mutable.Count; i++) mutable[i] = Share(mutable[i]);
                break;
        }
    }
}
