using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// Python's <c>fnmatch</c> as dbt uses it for names, tags and packages: <c>*</c> matches any run of
/// characters (slashes included), <c>?</c> one character, <c>[abc]</c>/<c>[!abc]</c> a set. Case-sensitive.
/// </summary>
internal static class Wildcard
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny("*?[]") >= 0;

    public static bool IsMatch(string? text, string pattern)
    {
        if (text is null) return false;
        if (!HasWildcard(pattern)) return string.Equals(text, pattern, StringComparison.Ordinal);
        return Cache.GetOrAdd(pattern, p => new Regex(Translate(p), RegexOptions.CultureInvariant | RegexOptions.Singleline)).IsMatch(text);
    }

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder(@"\A");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*') regex.Append(".*");
            else if (c == '?') regex.Append('.');
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var end && end > i + 1)
            {
                var set = pattern[(i + 1)..end];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = end;
            }
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.Append(@"\z").ToString();
    }
}
