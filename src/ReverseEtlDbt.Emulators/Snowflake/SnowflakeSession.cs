using System.Data.Common;
using DuckDB.NET.Data;
using ReverseEtlDbt.Emulators.Snowflake.Sql;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// One request's Snowflake session on its own DuckDB connection: what it creates as TEMPORARY vanishes with it, and
/// BEGIN/COMMIT/ROLLBACK are real DuckDB transactions on it. DDL commits an open transaction first and then runs on
/// its own (Snowflake's implicit commit); COMMIT or ROLLBACK without a transaction do nothing, as in Snowflake.
/// </summary>
internal sealed class SnowflakeSession : IDisposable
{
    private static readonly HashSet<SqlStatementKind> SessionKinds =
        [SqlStatementKind.Use, SqlStatementKind.AlterSession, SqlStatementKind.Begin, SqlStatementKind.Commit, SqlStatementKind.Rollback];

    private readonly SnowflakeDatabase database;
    private readonly SnowflakeEmulatorOptions options;
    private readonly DuckDBConnection connection;
    private readonly Dictionary<string, string> temporaryTables = new(StringComparer.Ordinal);
    private bool inTransaction;

    private SnowflakeSession(SnowflakeDatabase database, SnowflakeEmulatorOptions options, SnowflakeContext context)
    {
        this.database = database;
        this.options = options;
        connection = database.OpenConnection();
        Context = context;
    }

    public SnowflakeContext Context { get; private set; }

    /// <summary>A session in <paramref name="context"/>; a database or schema that does not exist fails as in Snowflake.</summary>
    public static SnowflakeSession Open(SnowflakeDatabase database, SnowflakeEmulatorOptions options, SnowflakeContext context)
    {
        var session = new SnowflakeSession(database, options, context);
        try
        {
            if (context.Database is { } db) session.UseSchema(db, context.Schema ?? "PUBLIC");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public SnowflakeResult Execute(SqlStatement statement, IReadOnlyList<object?> parameters, int partitionSize)
    {
        try
        {
            if (!SessionKinds.Contains(statement.Kind)) CheckAccess(statement);
            return statement.Kind switch
            {
                SqlStatementKind.Use => Use(statement.Tokens),
                SqlStatementKind.AlterSession => AlterSession(statement.Tokens),
                SqlStatementKind.Begin => Transaction(start: true, "BEGIN TRANSACTION"),
                SqlStatementKind.Commit => Transaction(start: false, "COMMIT"),
                SqlStatementKind.Rollback => Transaction(start: false, "ROLLBACK"),
                SqlStatementKind.CreateDatabase => CreateDatabase(statement.Tokens),
                _ => Run(statement, parameters, partitionSize),
            };
        }
        catch (DuckDBException e)
        {
            throw new SnowflakeSqlException(SnowflakeError.FromDuckDb(e));
        }
    }

    /// <summary>After a failed statement: rolls back the open transaction, as Snowflake does when a request fails.</summary>
    public void AbortTransaction()
    {
        if (!inTransaction) return;
        inTransaction = false;
        try { Command("ROLLBACK").ExecuteNonQuery(); }
        catch (DuckDBException) { /* already rolled back by DuckDB */ }
    }

    private SnowflakeResult Run(SqlStatement statement, IReadOnlyList<object?> parameters, int partitionSize)
    {
        if (statement.Kind == SqlStatementKind.Ddl && inTransaction) Transaction(start: false, "COMMIT");
        var (sql, tempName) = SqlTranslator.Translate(statement, Context.Database, temporaryTables);
        using var command = Command(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new DuckDBParameter(parameter ?? DBNull.Value));
        switch (statement.Kind)
        {
            case SqlStatementKind.Ddl:
                command.ExecuteNonQuery();
                if (tempName is { Count: > 0 }) temporaryTables[tempName[^1].Name] = tempName.Count >= 2 ? tempName[^2].Name : Context.Schema ?? "PUBLIC";
                return SnowflakeResult.Status("Statement executed successfully.");
            case SqlStatementKind.Insert:
                var inserted = command.ExecuteNonQuery();
                return SnowflakeResult.Dml(new(inserted, 0, 0), [("number of rows inserted", inserted)]);
            case SqlStatementKind.Update:
                var updated = command.ExecuteNonQuery();
                return SnowflakeResult.Dml(new(0, updated, 0), [("number of rows updated", updated), ("number of multi-joined rows updated", 0)]);
            case SqlStatementKind.Delete:
                var deleted = command.ExecuteNonQuery();
                return SnowflakeResult.Dml(new(0, 0, deleted), [("number of rows deleted", deleted)]);
            case SqlStatementKind.Merge:
                using (var reader = command.ExecuteReader()) return Merge(statement.Tokens, reader);
            default:
                using (var reader = command.ExecuteReader()) return SnowflakeCells.Read(reader, partitionSize);
        }
    }

    /// <summary>MERGE's counts from the actions DuckDB returns, with a column per kind of clause the statement has (as Snowflake).</summary>
    private static SnowflakeResult Merge(List<SqlToken> tokens, DbDataReader reader)
    {
        var counts = new Dictionary<string, long> { ["INSERT"] = 0, ["UPDATE"] = 0, ["DELETE"] = 0 };
        while (reader.Read())
            if (reader.GetValue(reader.FieldCount - 1)?.ToString() is { } action && counts.TryGetValue(action, out var count)) counts[action] = count + 1;
        var clauses = tokens.Zip(tokens.Skip(1)).Where(p => p.First.IsWord("THEN")).Select(p => p.Second.Text).ToHashSet();
        var row = new List<(string, long)>();
        if (clauses.Contains("INSERT")) row.Add(("number of rows inserted", counts["INSERT"]));
        if (clauses.Contains("UPDATE")) row.Add(("number of rows updated", counts["UPDATE"]));
        if (clauses.Contains("DELETE")) row.Add(("number of rows deleted", counts["DELETE"]));
        return SnowflakeResult.Dml(new(counts["INSERT"], counts["UPDATE"], counts["DELETE"]), row);
    }

    /// <summary>Statements that compute need a running warehouse; every object they name must be allowed to the role.</summary>
    private void CheckAccess(SqlStatement statement)
    {
        var computes = statement.Kind != SqlStatementKind.Ddl || statement.Tokens.Any(t => t.IsWord("SELECT"));
        if (computes && (Context.Warehouse is null || options.SuspendedWarehouses.Contains(Context.Warehouse)))
            throw new SnowflakeSqlException(SnowflakeError.SuspendedWarehouse);
        foreach (var named in statement.Schemas)
        {
            var schema = named.Length > 0 ? named : Context.Schema;
            if (schema is not null && Context.Role is { } role && options.IsDenied(role, schema))
                throw new SnowflakeSqlException(SnowflakeError.InsufficientPrivileges(schema));
        }
    }

    private SnowflakeResult Transaction(bool start, string sql)
    {
        if (start != inTransaction) Command(sql).ExecuteNonQuery();
        inTransaction = start;
        return SnowflakeResult.Status("Statement executed successfully.");
    }

    /// <summary><c>USE [DATABASE|SCHEMA|WAREHOUSE|ROLE] name</c>; a bare <c>USE x</c> or <c>USE db.x</c> is a schema.</summary>
    private SnowflakeResult Use(List<SqlToken> tokens)
    {
        var kind = tokens.Count > 2 && tokens[1].Kind == SqlTokenKind.Word && tokens[1].Text is "DATABASE" or "SCHEMA" or "WAREHOUSE" or "ROLE"
            ? tokens[1].Text : "SCHEMA";
        var names = tokens.Skip(kind == "SCHEMA" && !tokens[1].IsWord("SCHEMA") ? 1 : 2).Where(t => t.IsIdentifier).Select(t => t.Name).ToList();
        switch (kind)
        {
            case "WAREHOUSE": Context = Context with { Warehouse = names[^1] }; break;
            case "ROLE": Context = Context with { Role = names[^1] }; break;
            case "DATABASE": UseSchema(names[^1], "PUBLIC"); break;
            default:
                UseSchema(names.Count >= 2 ? names[^2] : Context.Database
                    ?? throw new SnowflakeSqlException(SnowflakeError.DoesNotExist("Database")), names[^1]);
                break;
        }
        return SnowflakeResult.Status("Statement executed successfully.");
    }

    private void UseSchema(string db, string schema)
    {
        if (!database.Exists(db)) throw new SnowflakeSqlException(SnowflakeError.DoesNotExist($"Database '{db}'"));
        try { Command($"USE {SqlToken.Quoted(db).Text}.{SqlToken.Quoted(schema).Text}").ExecuteNonQuery(); }
        catch (DuckDBException) { throw new SnowflakeSqlException(SnowflakeError.DoesNotExist($"Schema '{db}.{schema}'")); }
        Context = Context with { Database = db, Schema = schema };
    }

    /// <summary>ALTER SESSION SET/UNSET: QUERY_TAG is kept for the query history; other parameters are accepted and ignored.</summary>
    private SnowflakeResult AlterSession(List<SqlToken> tokens)
    {
        var tag = tokens.FindIndex(t => t.IsWord("QUERY_TAG"));
        if (tag >= 0)
            Context = Context with { QueryTag = tokens[2].IsWord("UNSET") ? null : tokens.Skip(tag + 1).FirstOrDefault(t => t.Kind == SqlTokenKind.String)?.Value };
        return SnowflakeResult.Status("Statement executed successfully.");
    }

    /// <summary>CREATE DATABASE attaches a new catalog and, as in Snowflake, makes it the session's database.</summary>
    private SnowflakeResult CreateDatabase(List<SqlToken> tokens)
    {
        var name = tokens.Last(t => t.IsIdentifier).Name;
        database.CreateDatabase(name);
        UseSchema(name, "PUBLIC");
        return SnowflakeResult.Status($"Database {name} successfully created.");
    }

    private DuckDBCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Dispose()
    {
        AbortTransaction();
        connection.Dispose();
    }
}
