using System.Data.Common;
using System.Text.Json.Nodes;
using DbtStandIn.Cli;
using DbtStandIn.Project;
using DuckDB.NET.Data;

namespace DbtStandIn.Build;

/// <summary>
/// Runs the selected seeds, models and tests in DAG order against the profile's DuckDB file, like <c>dbt build</c>:
/// a model that errors, or whose test fails, makes its descendants <c>skipped</c>.
/// Fault switches for tests: <c>DBT_STANDIN_FAIL_MODEL</c> (comma-separated model names error) and
/// <c>DBT_STANDIN_FAIL_TEST</c> (tests whose name contains the text fail with one failure).
/// </summary>
public sealed class BuildRunner(DbtProject project, StandInArguments arguments, RunContext context, BuildLog log)
{
    private readonly HashSet<string> _failModels = (Environment.GetEnvironmentVariable("DBT_STANDIN_FAIL_MODEL") ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
    private readonly string? _failTest = NullIfEmpty(Environment.GetEnvironmentVariable("DBT_STANDIN_FAIL_TEST"));
    /// <summary>Nodes that were not built (error or skipped): their tests are skipped.</summary>
    private readonly HashSet<string> _notBuilt = [];
    /// <summary>Nodes whose descendants must be skipped: not built, or a test on them failed.</summary>
    private readonly HashSet<string> _poisoned = [];
    private readonly Dictionary<string, string> _compiled = [];

    public BuildOutcome Run()
    {
        var started = context.Now();
        var plan = ExecutionPlan.Order(project, NodeSelector.Select(project, arguments));
        log.Line($"Concurrency: 1 threads (target='{project.Target.Name}')");
        log.Line("");
        var results = new List<NodeResult>();
        using (var connection = new DuckDBConnection($"Data Source={project.Target.DuckDbPath}"))
        {
            try
            {
                connection.Open();
            }
            catch (DbException e)
            {
                throw new UsageException($"Runtime Error\n  Could not open DuckDB database {project.Target.DuckDbPath}: {e.Message}");
            }
            using (var create = connection.CreateCommand())
            {
                create.CommandText = $"create schema if not exists {SqlCompiler.Quote(project.Target.Schema)}";
                create.ExecuteNonQuery();
            }
            var materializer = new DuckDbMaterializer(connection, project);
            for (var i = 0; i < plan.Count; i++)
                results.Add(plan[i] is ProjectNode node
                    ? RunResource(node, materializer, i + 1, plan.Count)
                    : RunTest((DataTestNode)plan[i], materializer, i + 1, plan.Count));
        }
        var outcome = new BuildOutcome(results, _compiled, context.Seconds(started, context.Now()));
        new BuildSummary(project, log).Print(plan, outcome);
        return outcome;
    }

    private NodeResult RunResource(ProjectNode node, DuckDbMaterializer materializer, int index, int total)
    {
        var relation = $"{project.Target.Schema}.{node.Name}";
        var kind = node.IsModel ? $"sql {node.Materialized} model" : "seed file";
        var start = context.Now();
        if (node.DependsOn.Any(_poisoned.Contains))
        {
            Poison(node.UniqueId);
            log.Progress(index, total, $"SKIP relation {relation}", "SKIP");
            return Skipped(node.UniqueId, start, node.IsModel ? SqlCompiler.Compile(project, node) : null);
        }
        log.Progress(index, total, $"START {kind} {relation}", "RUN");
        var sql = node.IsModel ? SqlCompiler.Compile(project, node) : null;
        var compiledAt = context.Now();
        try
        {
            string message;
            if (node.IsModel)
            {
                if (_failModels.Contains(node.Name))
                    throw new ModelException($"Runtime Error in model {node.Name} ({node.OriginalFilePath})\n  DBT_STANDIN_FAIL_MODEL: injected failure of model {node.Name}");
                materializer.Model(node, sql!);
                _compiled[node.UniqueId] = sql!;
                message = "OK";
            }
            else message = $"INSERT {materializer.Seed(node)}";
            var end = context.Now();
            log.Progress(index, total, node.IsModel ? $"OK created {kind} {relation}" : $"OK loaded {kind} {relation}",
                $"{message} in {context.Seconds(start, end):0.00}s");
            return Result(node.UniqueId, "success", message, null, start, compiledAt, end, sql, project.RelationName(node),
                new JsonObject { ["_message"] = message, ["code"] = message.Split(' ')[0], ["rows_affected"] = RowsAffected(message) });
        }
        catch (Exception e) when (e is ModelException or DbException)
        {
            Poison(node.UniqueId);
            var message = e is ModelException ? e.Message : $"Runtime Error in {node.ResourceType} {node.Name} ({node.OriginalFilePath})\n  {e.Message}";
            var end = context.Now();
            log.Progress(index, total, $"ERROR creating {kind} {relation}", $"ERROR in {context.Seconds(start, end):0.00}s");
            return Result(node.UniqueId, "error", message, null, start, compiledAt, end, sql, project.RelationName(node), []);
        }
    }

    private NodeResult RunTest(DataTestNode test, DuckDbMaterializer materializer, int index, int total)
    {
        var start = context.Now();
        var sql = SqlCompiler.CompileTest(project, test);
        if (test.DependsOn.Any(_notBuilt.Contains))
        {
            log.Progress(index, total, $"SKIP test {test.Name}", "SKIP");
            return Skipped(test.UniqueId, start, sql);
        }
        log.Progress(index, total, $"START test {test.Name}", "RUN");
        var compiledAt = context.Now();
        _compiled[test.UniqueId] = sql;
        try
        {
            var failures = _failTest is not null && test.Name.Contains(_failTest, StringComparison.Ordinal) ? 1 : materializer.CountRows(sql);
            var end = context.Now();
            var seconds = $"{context.Seconds(start, end):0.00}s";
            if (failures == 0)
            {
                log.Progress(index, total, $"PASS {test.Name}", $"PASS in {seconds}");
                return Result(test.UniqueId, "pass", null, 0, start, compiledAt, end, sql, null, Ok());
            }
            _poisoned.Add(test.Attached.UniqueId);
            log.Progress(index, total, $"FAIL {failures} {test.Name}", $"FAIL {failures} in {seconds}");
            return Result(test.UniqueId, "fail", $"Got {failures} result{(failures == 1 ? "" : "s")}, configured to fail if != 0",
                (int)failures, start, compiledAt, end, sql, null, Ok());
        }
        catch (DbException e)
        {
            _poisoned.Add(test.Attached.UniqueId);
            var end = context.Now();
            log.Progress(index, total, $"ERROR {test.Name}", $"ERROR in {context.Seconds(start, end):0.00}s");
            return Result(test.UniqueId, "error", $"Database Error in test {test.Name} ({test.OriginalFilePath})\n  {e.Message}",
                null, start, compiledAt, end, sql, null, []);
        }
    }

    private void Poison(string uniqueId)
    {
        _notBuilt.Add(uniqueId);
        _poisoned.Add(uniqueId);
    }

    private NodeResult Skipped(string uniqueId, DateTimeOffset at, string? sql) =>
        new() { UniqueId = uniqueId, Status = "skipped", CompiledCode = sql, Compiled = null, CompileStarted = at, CompileCompleted = at, ExecuteCompleted = at };

    private NodeResult Result(string uniqueId, string status, string? message, int? failures, DateTimeOffset start,
        DateTimeOffset compiled, DateTimeOffset end, string? sql, string? relation, JsonObject adapterResponse) => new()
    {
        UniqueId = uniqueId, Status = status, Message = message, Failures = failures, AdapterResponse = adapterResponse,
        CompiledCode = sql, Compiled = true, RelationName = relation, CompileStarted = start, CompileCompleted = compiled,
        ExecuteCompleted = end, ExecutionTime = context.Seconds(start, end),
    };

    private static JsonObject Ok() => new() { ["_message"] = "OK", ["code"] = "OK", ["rows_affected"] = -1 };

    private static long RowsAffected(string message) => message.StartsWith("INSERT ", StringComparison.Ordinal) ? long.Parse(message[7..]) : -1;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
