namespace ReverseEtlDbt.Selection;

/// <summary>
/// dbt's <c>fqn:</c> method (also the default for bare names): the selector equals the node's name
/// (for versioned models <c>customers</c>, <c>customers.v2</c> or <c>customers_v2</c>), or its dotted
/// parts match the fqn from the left, with or without the package, where a part may be <c>*</c> or fnmatch.
/// </summary>
internal static class FqnMatcher
{
    public static bool IsMatch(string selector, IReadOnlyList<string> fqn, bool isVersioned) =>
        fqn.Count > 0 && (IsSelected(selector, fqn, isVersioned) || IsSelected(selector, fqn.Skip(1).ToArray(), isVersioned));

    private static bool IsSelected(string selector, IReadOnlyList<string> fqn, bool isVersioned)
    {
        if (fqn.Count == 0) return false;
        if (isVersioned && fqn.Count >= 2)
        {
            var model = fqn[^2];
            if (Wildcard.IsMatch(model, selector)
                || selector == model + "_" + fqn[^1]
                || selector == model + "." + fqn[^1]) return true;
        }
        else if (Wildcard.IsMatch(fqn[^1], selector)) return true;

        var flatFqn = fqn.SelectMany(s => s.Split('.')).ToArray();
        var flatSelector = selector.Split('.');
        if (flatSelector.Length > flatFqn.Length) return false;
        for (var i = 0; i < flatSelector.Length; i++)
        {
            if (flatSelector[i] == "*") return true;
            if (!Wildcard.IsMatch(flatFqn[i], flatSelector[i])) return false;
        }
        return true;
    }
}
