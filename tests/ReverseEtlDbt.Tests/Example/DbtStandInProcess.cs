using System.Diagnostics;

namespace ReverseEtlDbt.Tests.Example;

/// <summary>Runs the dbt stand-in (<c>dotnet dbt-standin.dll ...</c>) as a child process, the way retl runs dbt.</summary>
public static class DbtStandInProcess
{
    /// <summary>The built dll: same configuration as this test assembly, else whichever exists.</summary>
    public static string DllPath { get; } = FindDll();

    public static StandInRun Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in new[] { "DBT_STANDIN_FAIL_MODEL", "DBT_STANDIN_FAIL_TEST", "DBT_STANDIN_EXIT", "DBT_STANDIN_ARGS_LOG", "DBT_PROFILES_DIR", "DBT_TARGET_PATH" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dbt-standin did not finish within 2 minutes");
        }
        return new StandInRun(process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string FindDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var candidates = new[] { configuration, configuration == "Release" ? "Debug" : "Release" }
            .Select(c => Path.Combine(TestPaths.RepoRoot, "tests", "DbtStandIn", "bin", c, "net10.0", "dbt-standin.dll"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("dbt-standin.dll not built; run `dotnet build ReverseEtlDbt.sln` first.", candidates.First());
    }
}
