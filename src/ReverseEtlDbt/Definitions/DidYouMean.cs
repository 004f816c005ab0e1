using Quickenshtein;

namespace ReverseEtlDbt.Definitions;

/// <summary>Suggests the closest known word for a misspelt key or value.</summary>
public static class DidYouMean
{
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: Levenshtein.GetDistance(word.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(2, word.Length / 3) ? best.Candidate : null;
    }

    /// <summary>"Did you mean 'x'?" followed by the valid words.</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates, string what = "keys")
    {
        var suggestion = Suggest(word, candidates);
        var valid = $"Valid {what}: {string.Join(", ", candidates)}.";
        return suggestion is null ? valid : $"Did you mean '{suggestion}'? {valid}";
    }
}
