using ReverseEtlDbt.Tests.Support;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ReverseEtlDbt.Cli;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Example;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

/// <summary>The CLI reads connection URLs from process environment variables, so these tests never run alongside others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliEnvironmentCollection
{
    public const string Name = "retl CLI environment";
}

/// <summary>
/// A temp copy of dbt_example built into DuckDB by the dbt stand-in, with helpers to run <c>retl</c> on it in-process,
/// to edit its warehouse, and to seed state by a real <c>retl sync</c> against the emulators.
/// </summary>
public sealed class PlanExample : IDisposable
{
    public const string HubSpotSync = "customer_health__hubspot__contacts";
    public const string TiersSync = "account_tiers__webhook__account_tier_changed";

    private readonly ExampleProjectCopy copy = new();

    public PlanExample()
    {
        var build = DbtStandInProcess.Run(["build", "--project-dir", copy.Dir]);
        Assert.True(build.ExitCode == 0, build.Output);
    }

    public string Dir => copy.Dir;
    public string SyncResultsPath => Path.Combine(copy.Target, "sync_results.json");

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await RetlApp.RunAsync([.. args, "--project-dir", copy.Dir], new Terminal(stdout, stderr));
        return new CliRun(exit, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
    }

    public JsonNode SyncResults() => JsonNode.Parse(File.ReadAllText(SyncResultsPath))!;

    public static JsonNode Result(JsonNode results, string syncId) =>
        results["results"]!.AsArray().Single(r => r!["sync_id"]!.GetValue<string>() == syncId)!;

    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public IReadOnlyList<string> Strings(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    public bool StateSchemaExists() =>
        Convert.ToInt64(Scalar("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'retl_state'")) > 0;

    /// <summary>Runs <c>retl sync --sync <paramref name="syncId"/></c> (and <paramref name="options"/>) against a HubSpot/webhook emulator on a free port.</summary>
    public async Task<CliRun> SyncAsync(string syncId, params string[] options)
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0 }, CancellationToken.None);
        using var hubspot = new EnvironmentVariable("HUBSPOT_URL", host.BaseUrl.ToString().TrimEnd('/'));
        using var webhook = new EnvironmentVariable("RETL_WEBHOOK_URL", host.WebhookUrl.ToString());
        var run = await RunAsync(["sync", "--sync", syncId, .. options]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    public void Dispose() => copy.Dispose();

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection($"Data Source={copy.DuckDbFile}");
        connection.Open();
        return connection;
    }
}

/// <summary>Sets a process environment variable for a scope, restoring the previous value.</summary>
public sealed class EnvironmentVariable : IDisposable
{
    private readonly string name;
    private readonly string? previous;

    public EnvironmentVariable(string name, string? value)
    {
        this.name = name;
        previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
}
