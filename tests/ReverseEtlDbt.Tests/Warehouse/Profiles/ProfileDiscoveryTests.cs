using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Profiles;

public sealed class ProfileDiscoveryTests : IDisposable
{
    private readonly TempDbtProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public void Profiles_dir_argument_wins_over_env_var_project_dir_and_home()
    {
        var flagDir = project.WriteProfiles(project.Dir("flag"), TempDbtProject.DuckDbProfile("shop", "flag.duckdb"));
        project.Environment["DBT_PROFILES_DIR"] = project.WriteProfiles(project.Dir("env"), TempDbtProject.DuckDbProfile("shop", "env.duckdb"));
        project.WriteProfiles(project.ProjectDir, TempDbtProject.DuckDbProfile("shop", "project.duckdb"));
        project.WriteProfiles(Path.Combine(project.HomeDir, ".dbt"), TempDbtProject.DuckDbProfile("shop", "home.duckdb"));

        var profile = ProfileLoader.Load(project.Request(profilesDir: flagDir));

        Assert.Equal(Path.Combine(flagDir, "profiles.yml"), profile.ProfilesFile);
    }

    [Fact]
    public void Env_var_DBT_PROFILES_DIR_wins_over_project_dir_and_home()
    {
        var envDir = project.WriteProfiles(project.Dir("env"), TempDbtProject.DuckDbProfile("shop", "env.duckdb"));
        project.Environment["DBT_PROFILES_DIR"] = envDir;
        project.WriteProfiles(project.ProjectDir, TempDbtProject.DuckDbProfile("shop", "project.duckdb"));

        Assert.Equal(Path.Combine(envDir, "profiles.yml"), ProfileLoader.Load(project.Request()).ProfilesFile);
    }

    [Fact]
    public void Project_dir_wins_over_home_dbt()
    {
        project.WriteProfiles(project.ProjectDir, TempDbtProject.DuckDbProfile("shop", "project.duckdb"));
        project.WriteProfiles(Path.Combine(project.HomeDir, ".dbt"), TempDbtProject.DuckDbProfile("shop", "home.duckdb"));

        Assert.Equal(Path.Combine(project.ProjectDir, "profiles.yml"), ProfileLoader.Load(project.Request()).ProfilesFile);
    }

    [Fact]
    public void Home_dbt_is_used_when_nothing_else_has_profiles()
    {
        var home = project.WriteProfiles(Path.Combine(project.HomeDir, ".dbt"), TempDbtProject.DuckDbProfile("shop", "home.duckdb"));

        Assert.Equal(Path.Combine(home, "profiles.yml"), ProfileLoader.Load(project.Request()).ProfilesFile);
    }

    [Fact]
    public void Missing_profiles_yml_lists_every_searched_dir()
    {
        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request()));

        Assert.Contains("Could not find profiles.yml", error.Message);
        Assert.Contains(project.ProjectDir + " (project dir)", error.Message);
        Assert.Contains(Path.Combine(project.HomeDir, ".dbt") + " (~/.dbt)", error.Message);
    }

    [Fact]
    public void Explicit_profiles_dir_without_profiles_yml_is_an_error_not_a_fallback()
    {
        project.WriteProfiles(project.ProjectDir, TempDbtProject.DuckDbProfile("shop", "project.duckdb"));
        var empty = Directory.CreateDirectory(project.Dir("empty")).FullName;

        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request(profilesDir: empty)));

        Assert.Contains(empty + " (--profiles-dir)", error.Message);
        Assert.DoesNotContain("(project dir)", error.Message);
    }

    [Fact]
    public void Unknown_profile_names_the_file_and_lists_available_profiles()
    {
        project.WriteProfiles(project.ProjectDir, TempDbtProject.DuckDbProfile("other", "a.duckdb") + "\n"
            + TempDbtProject.DuckDbProfile("third", "b.duckdb") + "\nconfig:\n  send_anonymous_usage_stats: false\n");

        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request()));

        Assert.Contains("Could not find profile named 'shop'", error.Message);
        Assert.Contains(Path.Combine(project.ProjectDir, "profiles.yml"), error.Message);
        Assert.Contains("Available profiles: 'other', 'third'", error.Message);
    }

    [Fact]
    public void Missing_dbt_project_yml_is_an_error()
    {
        File.Delete(Path.Combine(project.ProjectDir, "dbt_project.yml"));

        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request()));

        Assert.Contains("dbt_project.yml", error.Message);
    }
}
