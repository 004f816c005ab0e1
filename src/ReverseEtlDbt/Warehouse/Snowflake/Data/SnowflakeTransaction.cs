using System.Data;
using System.Data.Common;
using System.Text;
using ReverseEtlDbt.Warehouse.Snowflake.Api;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// A transaction over the SQL API, where Snowflake keeps a transaction only within one multi-statement request.
/// Non-query commands run with it are buffered (their <c>ExecuteNonQuery</c> returns -1) with parameters rendered as
/// literals; <see cref="Commit"/> sends them as ONE request, <c>BEGIN TRANSACTION; s1; …; sN; COMMIT;</c>, so they
/// commit together or not at all. DDL (CREATE, DROP, ALTER, GRANT, REVOKE, COMMENT) commits implicitly in Snowflake
/// and would end the transaction, so it is sent first in the same request, before the BEGIN: it is not undone if a
/// later statement fails. A reader or scalar run inside the transaction executes at once and sees committed data only,
/// not the buffered statements. <see cref="Rollback"/> discards the buffer; nothing was sent.
/// </summary>
public sealed class SnowflakeTransaction : DbTransaction
{
    private static readonly string[] DdlVerbs = ["CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "COMMENT"];
    private readonly SnowflakeConnection connection;
    private readonly List<string> ddl = [];
    private readonly List<string> statements = [];
    private bool done;

    internal SnowflakeTransaction(SnowflakeConnection connection, IsolationLevel isolationLevel)
    {
        this.connection = connection;
        IsolationLevel = isolationLevel;
    }

    /// <summary>Snowflake's only isolation is READ COMMITTED; the level asked for is kept for show.</summary>
    public override IsolationLevel IsolationLevel { get; }

    protected override DbConnection DbConnection => connection;

    /// <summary>How many statements the commit would send (DDL included), for tests and diagnostics.</summary>
    public int BufferedCount => ddl.Count + statements.Count;

    internal void Buffer(string sql)
    {
        ThrowIfDone();
        var statement = sql.Trim().TrimEnd(';').TrimEnd();
        var lastLine = statement[(statement.LastIndexOf('\n') + 1)..];
        if (lastLine.Contains("--", StringComparison.Ordinal) || lastLine.Contains("//", StringComparison.Ordinal))
            statement += "\n"; // a trailing line comment must not swallow the ';' that ends the statement
        (IsDdl(statement) ? ddl : statements).Add(statement);
    }

    public override void Commit() => CommitAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDone();
        try
        {
            if (BufferedCount == 0) return;
            var sql = new StringBuilder();
            foreach (var statement in ddl) sql.Append(statement).Append(";\n");
            sql.Append("BEGIN TRANSACTION;\n");
            foreach (var statement in statements) sql.Append(statement).Append(";\n");
            sql.Append("COMMIT;");
            var request = new SnowflakeStatement(sql.ToString(), [], BufferedCount + 2)
            {
                TimeoutSeconds = connection.Options.DefaultStatementTimeoutSeconds,
            };
            await connection.RunAsync(request, cancellationToken);
        }
        finally
        {
            End();
        }
    }

    public override void Rollback() => End();

    public override Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        End();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !done) End();
        base.Dispose(disposing);
    }

    private void End()
    {
        done = true;
        ddl.Clear();
        statements.Clear();
        if (connection.CurrentTransaction == this) connection.CurrentTransaction = null;
    }

    private void ThrowIfDone()
    {
        if (done) throw new InvalidOperationException("This Snowflake transaction has already been committed or rolled back.");
    }

    /// <summary>The first word after leading comments and whitespace is a DDL verb.</summary>
    private static bool IsDdl(string sql)
    {
        var text = sql.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--") || text.StartsWith("//")) text = text[(text.IndexOf('\n') is >= 0 and var nl ? nl : text.Length)..];
            else if (text.StartsWith("/*")) text = text[(text.IndexOf("*/") is >= 0 and var end ? end + 2 : text.Length)..];
            else break;
        }
        var word = text[..(text.IndexOfAny(" \t\r\n(") is >= 0 and var stop ? stop : text.Length)].ToString();
        return DdlVerbs.Contains(word, StringComparer.OrdinalIgnoreCase);
    }
}
