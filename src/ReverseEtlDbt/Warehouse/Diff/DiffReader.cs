using System.Data.Common;
using System.Runtime.CompilerServices;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// Runs the diff SQL of <see cref="DiffQueryBuilder"/> in the warehouse and streams the changed rows, one
/// <see cref="DbDataReader"/> row at a time: memory does not grow with the model, and only changed rows leave the
/// warehouse. Read-only: nothing is written.
/// </summary>
/// <remarks>
/// While <see cref="ReadAsync"/> is being enumerated the connection is busy (one command at a time), so state for
/// acknowledged batches must be committed through a second connection (a second <see cref="IWarehouse"/>); the
/// open reader keeps its snapshot, so those commits do not change what it returns.
/// </remarks>
public sealed class DiffReader(IWarehouse warehouse)
{
    private readonly DiffQueryBuilder builder = new(warehouse.Dialect);

    public async IAsyncEnumerable<DiffRow> ReadAsync(DiffSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        spec = await WithStateAsync(spec, cancellationToken);
        await using var command = WarehouseCommand.CreateForDiff(warehouse.Connection, builder.Changes(spec));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return ReadRow(reader, spec);
    }

    /// <summary>Up to <paramref name="count"/> changes of each kind, ordered by kind then key (for <c>retl plan</c>).</summary>
    public async Task<IReadOnlyList<DiffRow>> SampleAsync(DiffSpec spec, int count, CancellationToken cancellationToken)
    {
        var rows = new List<DiffRow>(count);
        spec = await WithStateAsync(spec, cancellationToken);
        await using var command = WarehouseCommand.Create(warehouse.Connection, builder.Sample(spec, count));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(ReadRow(reader, spec));
        return rows;
    }

    /// <summary>Counts only (added, changed, removed, rejected), computed in the warehouse.</summary>
    public async Task<DiffCounts> CountAsync(DiffSpec spec, CancellationToken cancellationToken)
    {
        var byKind = new long[3];
        spec = await WithStateAsync(spec, cancellationToken);
        await using (var command = WarehouseCommand.Create(warehouse.Connection, builder.Counts(spec)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                byKind[Convert.ToInt32(reader.GetValue(0))] = Convert.ToInt64(reader.GetValue(1));
        }
        var (nullKeys, duplicateRows) = await ReadRejectedCountsAsync(spec, cancellationToken);
        return new DiffCounts(byKind[0], byKind[1], byKind[2], nullKeys + duplicateRows);
    }

    /// <summary>Rows with a null or duplicated primary key: counts and up to <paramref name="sampleSize"/> raw rows.</summary>
    public async Task<RejectedKeys> ReadRejectedAsync(DiffSpec spec, CancellationToken cancellationToken, int sampleSize = 5)
    {
        var (nullKeys, duplicateRows) = await ReadRejectedCountsAsync(spec, cancellationToken);
        var sample = new List<RejectedModelRow>();
        if (nullKeys + duplicateRows == 0) return new RejectedKeys(0, 0, sample);

        await using var command = WarehouseCommand.Create(warehouse.Connection, builder.RejectedSample(spec, sampleSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var reason = Convert.ToInt32(reader.GetValue(0)) == 0 ? KeyRejection.NullPrimaryKey : KeyRejection.DuplicatePrimaryKey;
            var key = reader.IsDBNull(1) ? null : reader.GetString(1);
            sample.Add(new RejectedModelRow(reason, key, ReadValues(reader, spec, firstValue: 2)));
        }
        return new RejectedKeys(nullKeys, duplicateRows, sample);
    }

    private async Task<(long NullKeys, long DuplicateRows)> ReadRejectedCountsAsync(DiffSpec spec, CancellationToken cancellationToken)
    {
        await using var command = WarehouseCommand.Create(warehouse.Connection, builder.RejectedCounts(spec));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)));
    }

    private async Task<DiffSpec> WithStateAsync(DiffSpec spec, CancellationToken cancellationToken)
    {
        const string sql = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'synced_rows'";
        await using var command = WarehouseCommand.Create(warehouse.Connection, sql, [spec.StateSchema]);
        var exists = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
        return spec with { StateExists = exists };
    }

    private static DiffRow ReadRow(DbDataReader reader, DiffSpec spec)
    {
        var kind = (ChangeKind)Convert.ToInt32(reader.GetValue(0));
        var values = kind == ChangeKind.Removed
            ? new Dictionary<string, object?>()
            : ReadValues(reader, spec, firstValue: 4);
        return new DiffRow(kind, reader.GetString(1), values, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private static Dictionary<string, object?> ReadValues(DbDataReader reader, DiffSpec spec, int firstValue)
    {
        var values = new Dictionary<string, object?>(spec.Columns.Count + 1, StringComparer.Ordinal)
        {
            [spec.PrimaryKey] = WarehouseCommand.NullIfDbNull(reader.GetValue(firstValue)),
        };
        for (var i = 0; i < spec.Columns.Count; i++)
            values[spec.Columns[i]] = WarehouseCommand.NullIfDbNull(reader.GetValue(firstValue + 1 + i));
        return values;
    }
}
