using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>A Snowflake SQL error as a QueryFailureStatus reports it: <c>code</c>, <c>sqlState</c>, <c>message</c>.</summary>
public sealed record SnowflakeError(string Code, string SqlState, string Message)
{
    public static SnowflakeError Canceled => new("000604", "57014", "SQL execution canceled");

    public static SnowflakeError SuspendedWarehouse => new("000606", "57P03",
        "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.");

    public static SnowflakeError InsufficientPrivileges(string schema) =>
        new("003001", "42501", $"SQL access control error: Insufficient privileges to operate on schema '{schema}'");

    public static SnowflakeError StatementCount(int actual, int desired) =>
        new("000008", "0A000", $"Actual statement count {actual} did not match the desired statement count {desired}.");

    public static SnowflakeError TimedOut(int seconds) =>
        new("000630", "57014", $"Statement reached its statement or warehouse timeout of {seconds} second(s) and was canceled.");

    public static SnowflakeError DoesNotExist(string what) =>
        new("002003", "02000", $"SQL compilation error:\n{what} does not exist or not authorized.");

    /// <summary>The closest Snowflake error for a DuckDB failure (object missing, syntax, bad identifier, conversion, NOT NULL).</summary>
    internal static SnowflakeError FromDuckDb(DuckDBException exception)
    {
        var message = exception.Message;
        var firstLine = message.Split('\n')[0];
        if (Regex.Match(message, "(?:Table|View|Schema|Catalog) with name \"?([^ \"!]+)\"? does not exist") is { Success: true } missing)
            return DoesNotExist($"Object '{missing.Groups[1].Value}'");
        if (message.StartsWith("Parser Error", StringComparison.Ordinal))
            return new SnowflakeError("001003", "42000", $"SQL compilation error:\n{firstLine}");
        if (Regex.Match(message, "Referenced column \"?([^ \"]+)\"? not found") is { Success: true } column)
            return new SnowflakeError("000904", "42000", $"SQL compilation error: error line 1 at position 0\ninvalid identifier '{column.Groups[1].Value}'");
        if (message.StartsWith("Conversion Error", StringComparison.Ordinal))
            return new SnowflakeError("100038", "22018", firstLine);
        if (message.Contains("NOT NULL constraint failed", StringComparison.Ordinal))
            return new SnowflakeError("100072", "22000", "NULL result in a non-nullable column");
        if (message.StartsWith("TransactionContext Error", StringComparison.Ordinal))
            return new SnowflakeError("000625", "57014", firstLine);
        return new SnowflakeError("002000", "42000", $"SQL compilation error:\n{firstLine}");
    }
}

/// <summary>A statement failed the way Snowflake would report with <see cref="Error"/> (a 422).</summary>
internal sealed class SnowflakeSqlException(SnowflakeError error) : Exception(error.Message)
{
    public SnowflakeError Error { get; } = error;
}
