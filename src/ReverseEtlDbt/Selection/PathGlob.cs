using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// dbt's <c>path:</c> method without touching the disk: dbt globs the pattern under the project root
/// and selects a node whose file, YAML patch file or any parent folder is among the matches. Here the
/// pattern is matched against those paths directly (<c>*</c> and <c>?</c> stay inside one folder,
/// <c>**</c> spans folders), which selects the same nodes for files that exist.
/// </summary>
internal static class PathGlob
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="pattern"/> names <paramref name="filePath"/> or one of its folders.</summary>
    public static bool Selects(string pattern, string? filePath)
    {
        if (string.IsNullOrEmpty(filePath)) return false;
        var regex = RegexFor(pattern);
        for (var candidate = Normalize(filePath); candidate.Length > 0; candidate = Parent(candidate))
            if (regex.IsMatch(candidate)) return true;
        return false;
    }

    /// <summary>True when <paramref name="pattern"/> names exactly <paramref name="filePath"/> (dbt's rule for YAML patch files).</summary>
    public static bool Names(string pattern, string? filePath) =>
        !string.IsNullOrEmpty(filePath) && RegexFor(pattern).IsMatch(Normalize(filePath));

    private static Regex RegexFor(string pattern) =>
        Cache.GetOrAdd(Normalize(pattern), p => new Regex(Translate(p), RegexOptions.CultureInvariant));

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal)) normalized = normalized[2..];
        return normalized.TrimEnd('/');
    }

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder(@"\A");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashFollows = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slashFollows ? "(?:[^/]+/)*" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.Append(@"\z").ToString();
    }
}
