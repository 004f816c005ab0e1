using System.Globalization;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// dbt's <c>version:</c> method for models: <c>latest</c>, <c>prerelease</c> (newer than latest),
/// <c>old</c> (older than latest), <c>none</c> (unversioned). retl also accepts a version number.
/// </summary>
internal static class VersionSelector
{
    public static bool IsMatch(string selector, ManifestNode? node, string raw)
    {
        if (selector is not ("latest" or "prerelease" or "old" or "none") && !IsNumber(selector))
            throw new SelectionException(
                $"Invalid selector '{raw}': version '{selector}' is not one of latest, prerelease, old, none or a version number.");
        if (node is not { ResourceType: "model" }) return false;
        var version = node.Version;
        var latest = node.LatestVersion;
        return selector switch
        {
            "none" => version is null,
            "latest" => version is not null && Compare(version, latest ?? version) == 0,
            "prerelease" => version is not null && latest is not null && Compare(version, latest) > 0,
            "old" => version is not null && latest is not null && Compare(version, latest) < 0,
            _ => version is not null && Compare(version, selector) == 0,
        };
    }

    // Like dbt's UnparsedVersion: numeric when both sides are numbers, otherwise as text.
    private static int Compare(string left, string right) =>
        IsNumber(left) && IsNumber(right)
            ? Parse(left).CompareTo(Parse(right))
            : string.CompareOrdinal(left, right);

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
