using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using ReverseEtlDbt.Cli;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Example;

namespace ReverseEtlDbt.Tests.Support;

/// <summary>
/// The example project end to end, for one test: a temp copy of dbt_example built into DuckDB by the dbt stand-in,
/// an <see cref="EmulatorHost"/> on a free port, and the project's connections pointed at it through env vars.
/// Runs <c>retl</c> in-process (<see cref="RunAsync"/>) with captured output, reads <c>sync_results.json</c>, and
/// reads or rewrites the built model tables with SQL to stand in for a new <c>dbt build</c>.
/// </summary>
/// <remarks>
/// Env vars are process-wide and tests run in parallel, so every <c>env_var('NAME')</c> of the copied
/// <c>retl_connections.yml</c> is renamed to a name of this harness alone (<see cref="EnvName"/>). The HubSpot token
/// and webhook secret are fresh random values per harness, so any output can be searched for them.
/// The DuckDB file is opened only inside each SQL helper, never while a run is going.
/// </remarks>
public sealed partial class SyncHarness : IAsyncDisposable
{
    private readonly ExampleProjectCopy project;
    private readonly Dictionary<string, string> environment = [];

    private SyncHarness(ExampleProjectCopy project, EmulatorHost emulator, string prefix, string token, string secret)
    {
        this.project = project;
        Emulator = emulator;
        Prefix = prefix;
        Token = token;
        WebhookSecret = secret;
    }

    public EmulatorHost Emulator { get; }
    public string ProjectDir => project.Dir;
    public string Target => project.Target;
    public string DuckDbFile => project.DuckDbFile;
    public string SyncResultsPath => Path.Combine(project.Target, "sync_results.json");

    /// <summary>Prefix of this harness' env var names.</summary>
    public string Prefix { get; }

    /// <summary>The HubSpot token the emulator accepts and the connection sends.</summary>
    public string Token { get; }

    /// <summary>The webhook signing secret shared by the emulator and the connection.</summary>
    public string WebhookSecret { get; }

    /// <summary>Every env var this harness set, by its real (prefixed) name, for child processes.</summary>
    public IReadOnlyDictionary<string, string> Environment => environment;

    public const string HubSpotSync = "customer_health__hubspot__contacts";
    public const string AccountsSync = "account_tiers__webhook__account_tier_changed";
    public const string AudienceSync = "high_value_audience__webhook__audience_high_value";
    public const string AppDatabaseSync = "customer_health__warehouse_app__public_customer_health_scores";

    /// <summary>
    /// Copies and builds the example, starts the emulators and points the connections at them.
    /// <paramref name="editProject"/> may change the copy (e.g. its YAML) before the build, which writes the manifest.
    /// </summary>
    public static async Task<SyncHarness> StartAsync(EmulatorOptions? emulatorOptions = null, Action<string>? editProject = null)
    {
        var project = new ExampleProjectCopy();
        editProject?.Invoke(project.Dir);
        var build = DbtStandInProcess.Run(["build", "--project-dir", project.Dir]);
        if (build.ExitCode != 0) throw new InvalidOperationException("dbt-standin build failed:\n" + build.Output);

        var token = "tok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = emulatorOptions ?? new EmulatorOptions();
        options.HubSpot.ValidToken = token;
        options.Webhook.Secret = secret;
        var emulator = await EmulatorHost.StartAsync(options with { Port = 0 }, CancellationToken.None);

        var prefix = "RETL_T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant() + "_";
        var connections = Path.Combine(project.Dir, "retl_connections.yml");
        File.WriteAllText(connections, EnvVarName().Replace(File.ReadAllText(connections), m => m.Groups[1].Value + prefix));

        var harness = new SyncHarness(project, emulator, prefix, token, secret);
        harness.SetEnv("HUBSPOT_TOKEN", token);
        harness.SetEnv("HUBSPOT_URL", emulator.BaseUrl.ToString().TrimEnd('/'));
        harness.SetEnv("RETL_WEBHOOK_URL", new Uri(emulator.BaseUrl, "webhook/retl").ToString());
        harness.SetEnv("RETL_WEBHOOK_SECRET", secret);
        return harness;
    }

    /// <summary>The real name of the connections file's <c>env_var('<paramref name="name"/>')</c>.</summary>
    public string EnvName(string name) => Prefix + name;

    /// <summary>Sets the value the connections file reads as <c>env_var('<paramref name="name"/>')</c>.</summary>
    public void SetEnv(string name, string value)
    {
        environment[EnvName(name)] = value;
        System.Environment.SetEnvironmentVariable(EnvName(name), value);
    }

    /// <summary>Runs <c>retl</c> in this process with stdout and stderr captured; <c>--project-dir</c> is added.</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await RetlApp.RunAsync([.. args, "--project-dir", ProjectDir], new Terminal(stdout, stderr));
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary><c>retl sync</c> of the given sync ids (all syncs when none are given).</summary>
    public Task<CliRun> SyncAsync(params string[] syncIds) =>
        RunAsync(["sync", .. syncIds.SelectMany(id => new[] { "--sync", id })]);

    public JsonNode SyncResults() => JsonNode.Parse(File.ReadAllText(SyncResultsPath))!;

    /// <summary>The <c>results</c> entry of one sync in <c>sync_results.json</c>.</summary>
    public JsonNode SyncResult(string syncId) =>
        SyncResults()["results"]!.AsArray().Single(r => r!["sync_id"]!.GetValue<string>() == syncId)!;

    /// <summary>Runs SQL against the built DuckDB file (e.g. to change model rows as a new dbt build would).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of a query against the DuckDB file, column names lower-cased, <c>DBNull</c> as null.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every table of the <c>retl_state</c> schema, dumped as text (one line per row).</summary>
    public async Task<string> DumpStateAsync()
    {
        var tables = await QueryAsync("select table_name from information_schema.tables where table_schema = 'retl_state' order by 1");
        var dump = new System.Text.StringBuilder();
        foreach (var table in tables.Select(t => (string)t["table_name"]!))
            foreach (var row in await QueryAsync($"select * from retl_state.\"{table}\""))
                dump.Append(table).Append(": ").AppendJoin(" | ", row.Select(kv => $"{kv.Key}={kv.Value}")).AppendLine();
        return dump.ToString();
    }

    /// <summary>The primary keys <c>retl_state.synced_rows</c> holds for a sync.</summary>
    public async Task<IReadOnlySet<string>> SyncedKeysAsync(string syncId) =>
        (await QueryAsync($"select primary_key from retl_state.synced_rows where sync_id = '{syncId}'"))
        .Select(r => (string)r["primary_key"]!).ToHashSet();

    public async ValueTask DisposeAsync()
    {
        foreach (var name in environment.Keys) System.Environment.SetEnvironmentVariable(name, null);
        await Emulator.DisposeAsync();
        project.Dispose();
    }

    private async Task<DuckDBConnection> OpenAsync()
    {
        var connection = new DuckDBConnection($"Data Source={DuckDbFile}");
        await connection.OpenAsync();
        return connection;
    }

    [GeneratedRegex(@"(env_var\(\s*')")]
    private static partial Regex EnvVarName();
}
