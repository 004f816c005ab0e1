using System.Data.Common;

namespace ReverseEtlDbt.Warehouse;

/// <summary>An open connection to the dbt warehouse (DuckDB or PostgreSQL), with its SQL dialect.</summary>
public interface IWarehouse : IAsyncDisposable
{
    /// <summary>dbt adapter type: <c>duckdb</c> or <c>postgres</c>.</summary>
    string AdapterType { get; }

    ISqlDialect Dialect { get; }

    /// <summary>The open ADO.NET connection. Not thread-safe: one command at a time.</summary>
    DbConnection Connection { get; }

    /// <summary>The relation's real columns and types, in ordinal order; empty when the relation does not exist.</summary>
    Task<IReadOnlyList<WarehouseColumn>> GetColumnsAsync(RelationName relation, CancellationToken cancellationToken);
}

public sealed record WarehouseColumn(string Name, string DataType);

/// <summary>A database relation. <see cref="Database"/> is null where the adapter has one database per connection.</summary>
public sealed record RelationName(string? Database, string Schema, string Identifier)
{
    public string Render(ISqlDialect dialect) =>
        string.Join('.', new[] { Database, Schema, Identifier }.OfType<string>().Select(dialect.QuoteIdentifier));

    public override string ToString() => string.Join('.', new[] { Database, Schema, Identifier }.OfType<string>());
}

/// <summary>What differs between the SQL of the supported warehouses.</summary>
public interface ISqlDialect
{
    string QuoteIdentifier(string identifier);

    /// <summary>Expression giving a stable lower-case hex MD5 of a text expression (row fingerprints: change detection only).</summary>
    string HashText(string textExpression);

    /// <summary>Cast an expression to text so that the same value renders the same on every run.</summary>
    string CastToText(string expression);

    /// <summary>A date or timestamp as ISO text (<c>2026-01-02 03:04:05.123456</c>, a space or <c>T</c> between), whatever the session's date style.</summary>
    string TemporalText(string expression);

    /// <summary>A <c>timestamp with time zone</c> as <see cref="TemporalText"/> of the same instant in UTC, without an offset (<c>infinity</c> stays).</summary>
    string UtcText(string expression);
}
