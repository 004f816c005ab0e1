using System.Text;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Cli;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Example;

namespace ReverseEtlDbt.Tests.Build;

/// <summary>
/// One <c>retl build</c> against a throwaway copy of dbt_example, the dbt stand-in as dbt and the emulators as
/// HubSpot and the webhook receiver. Everything is explicit per scenario (a connections file with the emulator's
/// URLs, a dbt wrapper script carrying the stand-in's switches), so scenarios share no process-wide state.
/// </summary>
public sealed class BuildScenario : IAsyncDisposable
{
    /// <summary>The syncs that need no PostgreSQL: the app-database mirror is left out.</summary>
    private static readonly string[] HttpSyncs = ["--sync", "*__hubspot__*", "--sync", "*__webhook__*"];

    private readonly ExampleProjectCopy project = new();

    private BuildScenario(EmulatorHost emulators) => Emulators = emulators;

    public EmulatorHost Emulators { get; }
    public string ProjectDir => project.Dir;
    public string TargetDir => project.Target;
    public string ArgsLog => Path.Combine(project.Dir, "dbt-args.jsonl");

    public static async Task<BuildScenario> StartAsync()
    {
        var scenario = new BuildScenario(await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None));
        scenario.WriteConnections();
        return scenario;
    }

    /// <summary>Runs <c>retl build</c> with the project dir, a dbt wrapper with <paramref name="dbtEnvironment"/> and the HTTP syncs.</summary>
    public async Task<BuildRun> BuildAsync(IReadOnlyDictionary<string, string>? dbtEnvironment = null, params string[] args)
    {
        var wrapper = WriteDbtWrapper(dbtEnvironment ?? new Dictionary<string, string>());
        var split = Array.IndexOf(args, "--");
        var (retlArgs, dbtArgs) = split < 0 ? (args, []) : (args[..split], args[split..]);
        return await RunRetlAsync(["build", "--project-dir", ProjectDir, "--dbt-executable", wrapper, .. HttpSyncs, .. retlArgs, .. dbtArgs]);
    }

    public static async Task<BuildRun> RunRetlAsync(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await RetlApp.RunAsync(args, new Terminal(stdout, stderr));
        return new BuildRun(exit, stdout.ToString(), stderr.ToString());
    }

    public JsonNode SyncResults() => JsonNode.Parse(File.ReadAllText(Path.Combine(TargetDir, "sync_results.json")))!;

    public static JsonNode Result(JsonNode syncResults, string syncId) =>
        syncResults["results"]!.AsArray().Single(r => r!["sync_id"]!.GetValue<string>() == syncId)!;

    /// <summary>A <c>#!/bin/sh</c> script that runs dbt-standin.dll with the given switches, as a dbt executable would.</summary>
    /// <param name="prelude">Shell lines run before dbt starts (e.g. a background child that outlives it).</param>
    public string WriteDbtWrapper(IReadOnlyDictionary<string, string> environment, string prelude = "")
    {
        var script = new StringBuilder("#!/bin/sh\n").Append(prelude).Append('\n');
        script.Append($"export DBT_STANDIN_ARGS_LOG={Quote(ArgsLog)}\n");
        foreach (var (name, value) in environment) script.Append($"export {name}={Quote(value)}\n");
        script.Append($"exec dotnet {Quote(DbtStandInProcess.DllPath)} \"$@\"\n");
        var path = Path.Combine(ProjectDir, $"dbt-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, script.ToString());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private void WriteConnections()
    {
        var secret = Emulators.Webhook.Options.Secret;
        File.WriteAllText(Path.Combine(ProjectDir, "retl_connections.yml"), $"""
            hubspot:
              type: hubspot
              token: {Emulators.HubSpot.Options.ValidToken}
              base_url: "{Emulators.BaseUrl.ToString().TrimEnd('/')}"
            webhook:
              type: webhook
              url: "{Emulators.WebhookUrl}/retl"
              secret: "{secret}"
              batch_size: 100
            warehouse_app:
              type: postgres
              host: 127.0.0.1
              port: 1
              user: postgres
              password: ""
              dbname: unused
            """);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public async ValueTask DisposeAsync()
    {
        await Emulators.DisposeAsync();
        project.Dispose();
    }
}

/// <summary>What one in-process <c>retl</c> run returned and printed.</summary>
public sealed record BuildRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
