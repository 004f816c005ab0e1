using System.Data.Common;
using System.Globalization;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// A statement Snowflake refused or could not finish, or a token it would not accept. It is a <see cref="DbException"/>
/// so retl's warehouse code treats it as any driver's error. It carries Snowflake's code and message and the statement
/// handle (to look up in QUERY_HISTORY), never the statement's bound values.
/// </summary>
public sealed class SnowflakeException : DbException
{
    public SnowflakeException(string message, string? code = null, string? sqlState = null, string? statementHandle = null,
        string? snowflakeMessage = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        SqlState = sqlState;
        StatementHandle = statementHandle;
        SnowflakeMessage = snowflakeMessage;
    }

    public SnowflakeException()
    {
    }

    public SnowflakeException(string message) : base(message)
    {
    }

    public SnowflakeException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Snowflake's error code, e.g. <c>002003</c>; null when the failure was not a SQL error.</summary>
    public string? Code { get; }

    public override string? SqlState { get; }

    public string? StatementHandle { get; }

    /// <summary>Snowflake's own message, unmapped.</summary>
    public string? SnowflakeMessage { get; }

    public override int ErrorCode => int.TryParse(Code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
