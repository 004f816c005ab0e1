using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// Finds <c>profiles.yml</c> in dbt's order: <c>--profiles-dir</c>, then <c>DBT_PROFILES_DIR</c>, then the
/// project dir, then <c>~/.dbt</c>. As in dbt, a dir the user names explicitly (flag or env var) is the only
/// place looked at: falling back to another file would silently connect somewhere else.
/// </summary>
public static class ProfilesFileLocator
{
    public const string FileName = "profiles.yml";

    /// <summary>The dirs searched, in order, each with how it was chosen.</summary>
    public static IReadOnlyList<(string Source, string Dir)> SearchedDirs(ProfileRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.ProfilesDir))
            return [("--profiles-dir", Full(request.ProfilesDir))];
        if (request.Environment("DBT_PROFILES_DIR") is { Length: > 0 } fromEnv)
            return [("DBT_PROFILES_DIR", Full(fromEnv))];
        return [("project dir", Full(request.ProjectDir)), ("~/.dbt", Path.Combine(request.HomeDir, ".dbt"))];
    }

    /// <summary>The absolute path of the <c>profiles.yml</c> to use.</summary>
    /// <exception cref="ConfigException">No <c>profiles.yml</c> in any searched dir (the error lists them).</exception>
    public static string Locate(ProfileRequest request)
    {
        var searched = SearchedDirs(request);
        foreach (var (_, dir) in searched)
        {
            var file = Path.Combine(dir, FileName);
            if (File.Exists(file)) return file;
        }

        var list = string.Join(Environment.NewLine, searched.Select(s => $"  - {s.Dir} ({s.Source})"));
        throw new ConfigException(
            $"Could not find {FileName}. dbt looks for it in these locations, which were searched in order:{Environment.NewLine}{list}",
            "Pass --profiles-dir, set DBT_PROFILES_DIR, or put profiles.yml in the project dir or ~/.dbt.");
    }

    private static string Full(string dir) => Path.GetFullPath(dir);
}
