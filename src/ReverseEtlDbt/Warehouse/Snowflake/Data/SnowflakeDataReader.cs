using System.Collections;
using System.Data.Common;
using System.Globalization;
using ReverseEtlDbt.Warehouse.Snowflake.Api;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// Reads a statement's result partition by partition: the first came with the answer, each further one is fetched
/// when the reader reaches it and replaces the last, so at most one partition is held, however large the diff.
/// Values are decoded from <c>jsonv2</c> text by the column's type (<see cref="JsonV2Cells"/>); <see cref="GetString"/>
/// gives any column's text as Snowflake sent it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010", Justification = "The ADO.NET base class defines the non-generic enumeration.")]
public sealed class SnowflakeDataReader : DbDataReader
{
    private readonly SnowflakeApiClient api;
    private readonly SnowflakeResult result;
    private readonly CancellationToken cancellationToken;
    private IReadOnlyList<string?[]> rows;
    private int partition;
    private int index = -1;
    private bool closed;

    internal SnowflakeDataReader(SnowflakeApiClient api, SnowflakeResult result, CancellationToken cancellationToken)
    {
        this.api = api;
        this.result = result;
        this.cancellationToken = cancellationToken;
        rows = result.FirstPartition;
    }

    /// <summary>Snowflake's id of the statement (its query id in QUERY_HISTORY).</summary>
    public string? StatementHandle => result.StatementHandle;

    public override int FieldCount => result.Columns.Count;
    public override int RecordsAffected => result.RowsAffected is { } n ? (int)Math.Min(n, int.MaxValue) : -1;
    public override bool HasRows => result.FirstPartition.Count > 0 || result.PartitionCount > 1;
    public override bool IsClosed => closed;
    public override int Depth => 0;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => ReadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (closed) return false;
        index++;
        while (index >= rows.Count)
        {
            if (partition + 1 >= result.PartitionCount || result.StatementHandle is not { } handle) return false;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, this.cancellationToken);
            rows = [];
            rows = await api.FetchPartitionAsync(handle, ++partition, linked.Token);
            index = 0;
        }
        return true;
    }

    public override bool NextResult() => false;

    public override void Close()
    {
        closed = true;
        rows = [];
    }

    public override string GetName(int ordinal) => result.Columns[ordinal].Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < result.Columns.Count; i++)
            if (result.Columns[i].Name == name) return i;
        for (var i = 0; i < result.Columns.Count; i++)
            if (string.Equals(result.Columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentOutOfRangeException(nameof(name), $"No column named '{name}' in the result.");
    }

    /// <summary>The Snowflake type, e.g. <c>NUMBER(38,0)</c>, <c>TEXT</c>, <c>TIMESTAMP_NTZ</c>.</summary>
    public override string GetDataTypeName(int ordinal) => JsonV2Cells.TypeName(result.Columns[ordinal]);

    public override Type GetFieldType(int ordinal) => JsonV2Cells.FieldType(result.Columns[ordinal]);

    public override bool IsDBNull(int ordinal) => Cell(ordinal) is null;

    public override object GetValue(int ordinal) =>
        Cell(ordinal) is { } text ? JsonV2Cells.Decode(result.Columns[ordinal], text) : DBNull.Value;

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++) values[i] = GetValue(i);
        return count;
    }

    public override string GetString(int ordinal) =>
        Cell(ordinal) ?? throw new InvalidCastException($"Column '{GetName(ordinal)}' is NULL in this row.");

    public override bool GetBoolean(int ordinal) => Convert.ToBoolean(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override byte GetByte(int ordinal) => Convert.ToByte(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override char GetChar(int ordinal) => GetString(ordinal)[0];
    public override DateTime GetDateTime(int ordinal) => Convert.ToDateTime(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override double GetDouble(int ordinal) => Convert.ToDouble(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override float GetFloat(int ordinal) => Convert.ToSingle(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override Guid GetGuid(int ordinal) => Guid.Parse(GetString(ordinal));
    public override short GetInt16(int ordinal) => Convert.ToInt16(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override int GetInt32(int ordinal) => Convert.ToInt32(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        Copy((byte[])GetValue(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        Copy(GetString(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    private string? Cell(int ordinal)
    {
        if (index < 0 || index >= rows.Count) throw new InvalidOperationException("No current row: call Read first.");
        var row = rows[index];
        return ordinal < row.Length ? row[ordinal] : throw new ArgumentOutOfRangeException(nameof(ordinal), $"Column {ordinal} is not in the result.");
    }

    private static long Copy<T>(T[] source, long offset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null) return source.Length;
        var count = (int)Math.Max(0, Math.Min(length, source.Length - offset));
        Array.Copy(source, offset, buffer, bufferOffset, count);
        return count;
    }
}
