namespace ReverseEtlDbt.Selection;

/// <summary>
/// dbt's <c>fqn:</c> method (also the default for bare names), after dbt-core's <c>is_selected_node</c>:
/// the selector equals the node's name (for versioned models <c>customers</c>, <c>customers.v2</c> or
/// <c>customers_v2</c>), or its dotted parts equal the fqn's from the left, with or without the
/// package; from the first part holding a wildcard, the rest of the fqn is fnmatched as one dotted string.
/// </summary>
internal static class FqnMatcher
{
    public static bool IsMatch(string selector, IReadOnlyList<string> fqn, bool isVersioned) =>
        fqn.Count > 0 && (IsSelected(selector, fqn, isVersioned) || IsSelected(selector, fqn.Skip(1).ToArray(), isVersioned));

    private static bool IsSelected(string selector, IReadOnlyList<string> fqn, bool isVersioned)
    {
        if (fqn.Count == 0) return false;
        var selectorParts = selector.Split('.');
        if (isVersioned && fqn.Count >= 2)
        {
            if (fqn[^2] == selector || fqn[^2] + "_" + fqn[^1] == string.Join('_', selectorParts.TakeLast(2))) return true;
        }
        else if (fqn[^1] == selector) return true;

        var flatFqn = fqn.SelectMany(s => s.Split('.')).ToArray();
        if (flatFqn.Length < selectorParts.Length) return false;
        for (var i = 0; i < selectorParts.Length; i++)
        {
            if (Wildcard.HasWildcard(selectorParts[i]))
                return Wildcard.IsMatch(string.Join('.', flatFqn[i..]), string.Join('.', selectorParts[i..]));
            if (flatFqn[i] != selectorParts[i]) return false;
        }
        return true;
    }
}
