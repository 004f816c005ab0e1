namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// What picks a profile, with dbt's option names: <c>--project-dir</c>, <c>--profiles-dir</c>, <c>--profile</c>,
/// <c>--target</c>; like dbt, <c>DBT_PROFILES_DIR</c>, <c>DBT_PROFILE</c> and <c>DBT_TARGET</c> stand in for absent flags.
/// <see cref="Environment"/> and <see cref="HomeDir"/> come in from outside so tests need no real environment.
/// </summary>
public sealed record ProfileRequest(string ProjectDir)
{
    public string? ProfilesDir { get; init; }
    /// <summary>Overrides <c>profile:</c> of <c>dbt_project.yml</c>.</summary>
    public string? Profile { get; init; }
    public string? Target { get; init; }
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
    public string HomeDir { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
}
