using ReverseEtlDbt.Dbt;
using Xunit;

namespace ReverseEtlDbt.Tests.Build;

public sealed class DbtBuildArgumentsTests
{
    [Fact]
    public void Shared_options_come_first_by_dbt_names_then_the_arguments_after_double_dash_unchanged()
    {
        var arguments = new DbtBuildArguments
        {
            ProjectDir = "/p", ProfilesDir = "/profiles", Target = "prod", TargetPath = "out",
            Select = ["tag:sync", "+orders"], Exclude = ["stg_x"], Selector = "nightly",
            PassThrough = ["--vars", "{\"a\": 1}", "--select", "extra"],
        };

        Assert.Equal(
            ["build", "--project-dir", "/p", "--profiles-dir", "/profiles", "--target", "prod", "--target-path", "out",
             "--select", "tag:sync", "+orders", "--exclude", "stg_x", "--selector", "nightly", "--vars", "{\"a\": 1}", "--select", "extra"],
            arguments.ToArgv());
    }

    [Fact]
    public void Options_not_given_are_left_to_dbt()
    {
        var arguments = new DbtBuildArguments { ProjectDir = "/p", TargetPath = "target" };

        Assert.Equal(["build", "--project-dir", "/p"], arguments.ToArgv());
    }
}
