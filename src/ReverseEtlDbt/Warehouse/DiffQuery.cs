namespace ReverseEtlDbt.Warehouse;

/// <summary>SQL text with positional parameters (<c>$1</c>, <c>$2</c>, … on both DuckDB and PostgreSQL) and their values.</summary>
public sealed record DiffQuery(string Sql, IReadOnlyList<object?> Parameters);
