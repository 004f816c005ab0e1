using System.Text.Json;
using System.Text.Json.Nodes;
using DbtStandIn.Cli;
using DbtStandIn.Manifest;

namespace DbtStandIn.Build;

/// <summary>Writes <c>target/run_results.json</c> in dbt's v6 shape, with the invocation id of the manifest written by the same run.</summary>
public static class RunResultsWriter
{
    public const string SchemaUrl = "https://schemas.getdbt.com/dbt/run-results/v6.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string path, BuildOutcome outcome, StandInArguments arguments, RunContext context)
    {
        var root = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["dbt_schema_version"] = SchemaUrl,
                ["dbt_version"] = ManifestWriter.DbtVersion,
                ["generated_at"] = RunContext.Format(context.Now()),
                ["invocation_id"] = context.InvocationId,
                ["invocation_started_at"] = RunContext.Format(context.StartedAt),
                ["env"] = new JsonObject(),
            },
            ["results"] = new JsonArray(outcome.Results.Select(r => (JsonNode?)Result(r)).ToArray()),
            ["elapsed_time"] = outcome.ElapsedTime,
            ["args"] = Args(arguments),
        };
        AtomicFile.Write(path, root.ToJsonString(Indented) + "\n");
    }

    private static JsonObject Result(NodeResult r) => new()
    {
        ["status"] = r.Status,
        ["timing"] = r.Status == "skipped" ? new JsonArray() : new JsonArray(
            Timing("compile", r.CompileStarted, r.CompileCompleted), Timing("execute", r.CompileCompleted, r.ExecuteCompleted)),
        ["thread_id"] = "Thread-1 (worker)",
        ["execution_time"] = r.ExecutionTime,
        ["adapter_response"] = r.AdapterResponse.DeepClone(),
        ["message"] = r.Message,
        ["failures"] = r.Failures,
        ["unique_id"] = r.UniqueId,
        ["compiled"] = r.Compiled,
        ["compiled_code"] = r.CompiledCode,
        ["relation_name"] = r.RelationName,
        ["batch_results"] = null,
    };

    private static JsonObject Timing(string name, DateTimeOffset started, DateTimeOffset completed) => new()
    {
        ["name"] = name,
        ["started_at"] = RunContext.Format(started),
        ["completed_at"] = RunContext.Format(completed),
    };

    private static JsonObject Args(StandInArguments a) => new()
    {
        ["which"] = a.Command,
        ["invocation_command"] = "dbt " + string.Join(" ", a.Raw),
        ["project_dir"] = a.ProjectDir,
        ["profiles_dir"] = a.ProfilesDir,
        ["target"] = a.Target,
        ["select"] = ManifestWriter.Strings(a.Select),
        ["exclude"] = ManifestWriter.Strings(a.Exclude),
        ["full_refresh"] = a.FullRefresh,
        ["vars"] = new JsonObject(),
        ["indirect_selection"] = "eager",
        ["resource_types"] = new JsonArray(),
        ["write_json"] = true,
    };
}
