namespace ReverseEtlDbt.Tests.Warehouse.Profiles;

/// <summary>A throwaway dbt project dir (plus a fake home dir) for profile discovery tests.</summary>
internal sealed class TempDbtProject : IDisposable
{
    public TempDbtProject(string profileName = "shop")
    {
        Root = Path.Combine(Path.GetTempPath(), "retl-tests", Guid.NewGuid().ToString("N"));
        ProjectDir = Directory.CreateDirectory(Path.Combine(Root, "project")).FullName;
        HomeDir = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        File.WriteAllText(Path.Combine(ProjectDir, "dbt_project.yml"), $"name: shop\nprofile: {profileName}\n");
    }

    public string Root { get; }
    public string ProjectDir { get; }
    public string HomeDir { get; }
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Writes <c>profiles.yml</c> into <paramref name="dir"/> (created if needed) and returns that dir.</summary>
    public string WriteProfiles(string dir, string yaml)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "profiles.yml"), yaml);
        return dir;
    }

    public string Dir(string relative) => Path.Combine(Root, relative);

    public ReverseEtlDbt.Warehouse.Profiles.ProfileRequest Request(string? profilesDir = null, string? target = null) =>
        new(ProjectDir)
        {
            ProfilesDir = profilesDir,
            Target = target,
            HomeDir = HomeDir,
            Environment = name => Environment.GetValueOrDefault(name),
        };

    public static string DuckDbProfile(string name, string path) => $"""
        {name}:
          target: dev
          outputs:
            dev:
              type: duckdb
              path: {path}
        """;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
