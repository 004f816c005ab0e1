using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Profiles;

public sealed class ProfileTargetTests : IDisposable
{
    private const string TwoTargets = """
        shop:
          target: dev
          outputs:
            dev:
              type: duckdb
              path: target/dev.duckdb
              schema: analytics
            prod:
              type: postgres
              host: "{{ env_var('PG_HOST', 'localhost') }}"
              port: "{{ env_var('PG_PORT') | as_number }}"
              user: retl
              password: "{{ env_var('PG_PASSWORD') }}"
              dbname: warehouse
              schema: marts
              sslmode: require
              connect_timeout: 5
        """;

    private readonly TempDbtProject project = new();

    public ProfileTargetTests() => project.WriteProfiles(project.ProjectDir, TwoTargets);

    public void Dispose() => project.Dispose();

    [Fact]
    public void Profile_default_target_is_used_without_target_argument()
    {
        var profile = ProfileLoader.Load(project.Request());

        Assert.Equal(("shop", "dev"), (profile.ProfileName, profile.TargetName));
        Assert.IsType<DuckDbProfileTarget>(profile.Target);
    }

    [Fact]
    public void Target_argument_overrides_the_default_target()
    {
        project.Environment["PG_PORT"] = "6543";
        project.Environment["PG_PASSWORD"] = "hunter2";

        var target = Assert.IsType<PostgresProfileTarget>(ProfileLoader.Load(project.Request(target: "prod")).Target);

        Assert.Equal("prod", ProfileLoader.Load(project.Request(target: "prod")).TargetName);
        Assert.Equal(("retl", "warehouse", "marts", "require", 5), (target.User, target.DbName, target.Schema, target.SslMode, target.ConnectTimeout));
    }

    [Fact]
    public void Env_var_default_is_used_when_the_variable_is_unset_and_numbers_render_from_env_vars()
    {
        project.Environment["PG_PORT"] = "6543";
        project.Environment["PG_PASSWORD"] = "hunter2";

        var target = (PostgresProfileTarget)ProfileLoader.Load(project.Request(target: "prod")).Target;

        Assert.Equal("localhost", target.Host);
        Assert.Equal(6543, target.Port);
        Assert.Equal("hunter2", target.Password.Reveal());
    }

    [Fact]
    public void Env_var_without_default_and_unset_names_the_variable()
    {
        project.Environment["PG_PORT"] = "6543";

        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request(target: "prod")));

        Assert.Contains("'PG_PASSWORD'", error.Message);
        Assert.Contains("profiles.yml", error.Message);
    }

    [Fact]
    public void Password_never_appears_in_ToString_or_errors()
    {
        project.Environment["PG_PORT"] = "not-a-port";
        project.Environment["PG_PASSWORD"] = "hunter2";
        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request(target: "prod")));
        project.Environment["PG_PORT"] = "6543";

        var profile = ProfileLoader.Load(project.Request(target: "prod"));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("hunter2", profile.ToString());
        Assert.Contains(Secret.Mask, profile.ToString());
    }

    [Fact]
    public void Unknown_target_lists_the_valid_targets_and_names_the_file()
    {
        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request(target: "staging")));

        Assert.Contains("does not have a target named 'staging'", error.Message);
        Assert.Contains("'dev', 'prod'", error.Message);
        Assert.Contains(Path.Combine(project.ProjectDir, "profiles.yml"), error.Message);
    }

    [Fact]
    public void Duckdb_relative_path_resolves_against_the_project_dir_and_database_is_the_file_stem()
    {
        var target = (DuckDbProfileTarget)ProfileLoader.Load(project.Request()).Target;

        Assert.Equal(Path.Combine(project.ProjectDir, "target", "dev.duckdb"), target.Path);
        Assert.Equal("dev", target.Database);
        Assert.Equal("analytics", target.Schema);
    }

    [Fact]
    public void Duckdb_without_path_is_in_memory_with_schema_main()
    {
        project.WriteProfiles(project.ProjectDir, "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n");

        var target = (DuckDbProfileTarget)ProfileLoader.Load(project.Request()).Target;

        Assert.True(target.IsInMemory);
        Assert.Equal(("memory", "main"), (target.Database, target.Schema));
    }

    [Fact]
    public void Unsupported_adapter_type_is_named_with_the_supported_ones()
    {
        project.WriteProfiles(project.ProjectDir, "shop:\n  target: dev\n  outputs:\n    dev:\n      type: oracle\n      schema: x\n");

        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request()));

        Assert.Contains("Unsupported adapter type 'oracle'", error.Message);
        Assert.Contains("duckdb, postgres", error.Message);
    }

    [Fact]
    public void Postgres_target_missing_host_says_host_is_required()
    {
        project.WriteProfiles(project.ProjectDir,
            "shop:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      user: u\n      dbname: d\n      schema: s\n");

        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request()));

        Assert.Contains("'host' is a required property", error.Message);
        Assert.Contains("target 'dev'", error.Message);
    }

    [Fact]
    public void Profile_without_target_key_uses_the_target_named_default()
    {
        project.WriteProfiles(project.ProjectDir, "shop:\n  outputs:\n    default:\n      type: duckdb\n      path: x.duckdb\n");

        Assert.Equal("default", ProfileLoader.Load(project.Request()).TargetName);
    }

    [Fact]
    public void Env_var_DBT_TARGET_stands_in_for_a_missing_target_argument()
    {
        project.Environment["DBT_TARGET"] = "staging";

        var error = Assert.Throws<ConfigException>(() => ProfileLoader.Load(project.Request()));

        Assert.Contains("target named 'staging'", error.Message);
        Assert.Equal("dev", ProfileLoader.Load(project.Request(target: "dev")).TargetName);
    }

    [Fact]
    public void Profile_argument_overrides_dbt_project_profile()
    {
        project.WriteProfiles(project.ProjectDir, TwoTargets + "\n" + TempDbtProject.DuckDbProfile("other", "other.duckdb"));

        var profile = ProfileLoader.Load(project.Request() with { Profile = "other" });

        Assert.Equal("other", profile.ProfileName);
        Assert.EndsWith("other.duckdb", ((DuckDbProfileTarget)profile.Target).Path, StringComparison.Ordinal);
    }
}
