using System.Text.RegularExpressions;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.State;
using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Redshift;

/// <summary>
/// Every statement the Redshift dialect leads to, gathered from real runs on the PostgreSQL server (sync, plan, a
/// change, rejected rows twice, a reset, the state view), checked against what Redshift does not run (WAREHOUSES.md §5,
/// "Testing the Redshift-safe subset on PostgreSQL"). PostgreSQL ran each one, so they are valid SQL as well.
/// </summary>
public sealed class RedshiftStatementLintTests
{
    /// <summary>What Redshift rejects, each with why.</summary>
    internal static readonly (Regex Pattern, string Why)[] Forbidden =
    [
        (new(@"\bON\s+CONFLICT\b", RegexOptions.IgnoreCase), "INSERT ... ON CONFLICT does not exist on Redshift"),
        (new(@"\bIS\s+(NOT\s+)?DISTINCT\s+FROM\b", RegexOptions.IgnoreCase), "IS DISTINCT FROM is unsupported"),
        (new(@"\bFILTER\s*\(", RegexOptions.IgnoreCase), "aggregate FILTER is not documented on Redshift"),
        (new(@"\bpg_(try_)?advisory", RegexOptions.IgnoreCase), "advisory locks are unsupported"),
        (new(@"\b(string_agg|generate_series|unnest|array_agg|to_json|concat_ws)\s*\(", RegexOptions.IgnoreCase), "function unsupported on Redshift"),
        (new(@"::", RegexOptions.None), "PostgreSQL casts (::) of arrays and text are not Redshift-safe; use CAST(x AS VARCHAR(n))"),
        (new(@"\[\]", RegexOptions.None), "arrays are unsupported"),
        (new(@"(?<![A-Za-z_""])TEXT\b(?!\s*')", RegexOptions.None), "TEXT columns become VARCHAR(256); use VARCHAR(65535)"),
        (new(@"\bAS\s+text\b", RegexOptions.IgnoreCase), "a cast to text becomes VARCHAR(256)"),
        (new(@"\(\s*VALUES\b", RegexOptions.IgnoreCase), "a VALUES list as a table is unsupported"),
        (new(@"\bCREATE\s+(UNIQUE\s+)?INDEX\b", RegexOptions.IgnoreCase), "Redshift has no indexes"),
        (new(@"\bCOPY\b[^;]*\bSTDIN\b", RegexOptions.IgnoreCase), "COPY FROM STDIN is unsupported"),
        (new(@"\bRETURNING\b", RegexOptions.IgnoreCase), "RETURNING is unsupported"),
        (new(@"\bMERGE\b[\s\S]*\bUSING\s*\(", RegexOptions.IgnoreCase), "a MERGE source must be a table, not a subquery"),
    ];

    [SkippableFact]
    public async Task Every_statement_of_a_redshift_run_is_in_the_redshift_safe_subset()
    {
        await using var db = await TestWarehouse.OpenAsync(WarehouseKind.Redshift);
        await db.ExecuteAsync("""
            create table scores (customer_id integer, email varchar(200), score integer);
            insert into scores select i, 'user' || i || '@example.com', i % 7 from generate_series(1, 240) as t(i);
            insert into scores values (null, 'nokey@example.com', 1), (7, 'twin@example.com', 2);
            """);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var plan = EngineOnEveryWarehouseTests.Plan(db, emulator);
        var log = new StatementLog();
        var open = log.Wrap(db.OpenAnotherAsync);
        using var http = new HttpClient();
        var engine = new SyncEngine(new SyncEnvironment(open, new EngineOptions { StateSchema = db.Schema }, TimeProvider.System, NoProgress.Instance), http);

        await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None);
        await db.ExecuteAsync("update scores set score = 100 where customer_id = 3; delete from scores where customer_id = 4");
        await new SyncPlanner(open, new DiffOptions(), stateSchema: db.Schema).PlanAsync(plan, CancellationToken.None);
        var second = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));
        await using (var warehouse = await open(CancellationToken.None))
        {
            var ledger = await StateLedger.OpenAsync(warehouse, db.Schema, TimeProvider.System, default);
            RejectedRow[] refused = [new("5", "invalid email", "{}"), new("6", "invalid email", null)];
            await ledger.RecordRejectedAsync(plan.Sync.Id, refused, default);
            await ledger.RecordRejectedAsync(plan.Sync.Id, refused, default);
            var view = await StateLedgerView.OpenAsync(warehouse, db.Schema, default);
            Assert.Equal(2, (await view.ReadRejectedAsync([plan.Sync.Id], 10, default)).Count(r => r.Attempts == 2));
            await view.ShowAsync(null, default);
            await ledger.ResetAsync(plan.Sync.Id, default);
        }

        Assert.Equal((1L, 1L), (second.Counts.Changed, second.Counts.Removed));
        var statements = log.Statements.ToList();
        Assert.True(statements.Count > 20, $"only {statements.Count} statements were logged");
        foreach (var expected in new[] { "CREATE TABLE", "LOCK TABLE", "CREATE TEMPORARY TABLE", "\"synced_rows\" (", "\"rejected_rows\" (", "\"sync_config\"" })
            Assert.Contains(statements, sql => sql.Contains(expected, StringComparison.Ordinal));
        var violations = statements
            .SelectMany(sql => Forbidden.Where(f => f.Pattern.IsMatch(sql)).Select(f => $"{f.Why}:\n{sql}"))
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n\n", violations));
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1) ON CONFLICT (k) DO NOTHING")]
    [InlineData("SELECT a IS DISTINCT FROM b")]
    [InlineData("SELECT COUNT(*) FILTER (WHERE x) FROM t")]
    [InlineData("SELECT pg_try_advisory_lock(1)")]
    [InlineData("SELECT UNNEST($1::TEXT[])")]
    [InlineData("CREATE TABLE t (\"a\" TEXT NOT NULL)")]
    [InlineData("SELECT CAST(x AS text)")]
    [InlineData("SELECT * FROM (VALUES (1), (2)) AS v(x)")]
    [InlineData("CREATE INDEX ON t (x)")]
    [InlineData("MERGE INTO t USING (SELECT 1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN DELETE")]
    [InlineData("SELECT md5(concat_ws(',', a, b))")]
    public void The_lint_catches_what_redshift_rejects(string sql) =>
        Assert.Contains(Forbidden, f => f.Pattern.IsMatch(sql));

    [Theory]
    [InlineData("CREATE TABLE t (\"a\" VARCHAR(65535) NOT NULL)")]
    [InlineData("INSERT INTO t (\"a\", \"b\") VALUES ($1, $2), ($1, $3)")]
    [InlineData("SELECT CAST(x AS VARCHAR(65535)), MD5((a || 'x' || b)) FROM t WHERE \"k\" IN ($1, $2)")]
    public void The_lint_lets_redshift_safe_sql_through(string sql) =>
        Assert.DoesNotContain(Forbidden, f => f.Pattern.IsMatch(sql));
}
