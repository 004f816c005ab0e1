using ReverseEtlDbt.Emulators.Snowflake.Sql;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// Runs a due submission in a session of its own and records each statement in the query history. One statement
/// answers its own result; several (<c>MULTI_STATEMENT_COUNT</c> matching, 0 for any) stop at the first failure,
/// roll back an open transaction and fail the request, or answer a summary with a handle per statement.
/// Bindings in a multi-statement request are refused: Snowflake's docs say variable binding is not supported there.
/// </summary>
internal sealed class SnowflakeExecution(
    Func<SnowflakeDatabase> database, SnowflakeEmulatorOptions options, SnowflakeStatements statements,
    Action<SnowflakeQuery> record, TimeProvider time)
{
    /// <summary>
    /// Snowflake runs UPDATE, DELETE and MERGE on a table one at a time (its transactions lock the table), so a second
    /// writer waits and then sees the first one's committed rows; DuckDB lets both run. Requests that change rows
    /// therefore take turns here (coarser than a lock per table, which only makes the emulator stricter).
    /// </summary>
    private readonly Lock writers = new();

    public void Run(SnowflakeStatement statement)
    {
        var submission = statement.Submission!;
        if (submission.Statements.Any(s => Writes(s.Text)))
        {
            lock (writers) RunInTurn(statement, submission);
        }
        else RunInTurn(statement, submission);
    }

    private static bool Writes(string sql) =>
        System.Text.RegularExpressions.Regex.IsMatch(sql, @"^\s*(MERGE|UPDATE|DELETE)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private void RunInTurn(SnowflakeStatement statement, SnowflakeSubmission submission)
    {
        var count = submission.Statements.Count;
        if (submission.DesiredCount != 0 && submission.DesiredCount != count)
        {
            statement.Fail(SnowflakeError.StatementCount(count, submission.DesiredCount));
            return;
        }
        try
        {
            var bindings = SnowflakeBindings.Parse(submission.Bindings);
            if (count > 1 && bindings.Count > 0)
                throw new SnowflakeSqlException(new SnowflakeError("000002", "0A000",
                    "Unsupported feature 'bind variables in a multi-statement request'."));
            using var session = SnowflakeSession.Open(database(), options, submission.Context);
            if (count == 1) statement.Succeed(Execute(session, submission.Statements[0], bindings, statement.Handle, statement.RequestId, submission));
            else statement.Succeed(RunEach(session, statement, submission));
        }
        catch (SnowflakeSqlException e)
        {
            statement.Fail(e.Error);
        }
    }

    /// <summary>Runs SQL outside any request (seeding, assertions): any number of statements, nothing recorded.</summary>
    public SnowflakeResult RunUnrecorded(string sql, SnowflakeContext context)
    {
        using var session = SnowflakeSession.Open(database(), options, context);
        var result = SnowflakeResult.Status("Statement executed successfully.");
        foreach (var statement in SqlStatement.Parse(sql)) result = session.Execute(statement, [], int.MaxValue);
        return result;
    }

    private SnowflakeResult RunEach(SnowflakeSession session, SnowflakeStatement parent, SnowflakeSubmission submission)
    {
        var handles = new List<string>();
        foreach (var sql in submission.Statements)
        {
            var child = new SnowflakeStatement(SnowflakeStatements.NewHandle(), parent.RequestId, time.GetUtcNow(), null);
            statements.Add(child);
            handles.Add(child.Handle);
            try
            {
                child.Succeed(Execute(session, sql, [], child.Handle, parent.RequestId, submission));
            }
            catch (SnowflakeSqlException e)
            {
                child.Fail(e.Error);
                session.AbortTransaction();
                throw;
            }
        }
        return new SnowflakeResult([SnowflakeColumn.Text("multiple statement execution")], [["Multiple statements executed successfully."]])
        {
            StatementHandles = handles,
        };
    }

    private SnowflakeResult Execute(
        SnowflakeSession session, SqlStatement sql, IReadOnlyList<object?> bindings, string handle, string? requestId, SnowflakeSubmission submission)
    {
        var context = session.Context;
        string? error = null;
        try
        {
            return session.Execute(sql, bindings, submission.PartitionSize);
        }
        catch (SnowflakeSqlException e)
        {
            error = e.Error.Code;
            throw;
        }
        finally
        {
            record(new SnowflakeQuery(time.GetUtcNow(), handle, requestId, sql.Text, session.Context.QueryTag,
                context.Warehouse, context.Role, context.Database, context.Schema, error));
        }
    }
}
