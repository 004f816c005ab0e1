using System.Data.Common;
using System.Text;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State.Portable;

/// <summary>
/// The ledger's writes in SQL every warehouse runs (WAREHOUSES.md §5, the Redshift-safe subset; Snowflake runs it too):
/// no arrays, no <c>ON CONFLICT</c>, no <c>VALUES</c> list as a table. An upsert is a delete of the keys followed by a
/// multi-row <c>INSERT … VALUES</c>, in the caller's transaction, so readers never see a key missing. Rows go in chunks
/// of <see cref="ChunkRows"/>, which keeps a statement under the protocol's parameter limit.
/// </summary>
internal sealed class PortableLedgerWrites(IWarehouse warehouse, LedgerTables tables)
{
    internal const int ChunkRows = 1000;

    /// <summary>
    /// One acknowledged group: every acknowledged key leaves <c>synced_rows</c> (and <c>rejected_rows</c> when
    /// <paramref name="clearRejected"/>), then added and changed rows go back in with their new fingerprint.
    /// </summary>
    public async Task CommitAsync(DbTransaction transaction, string syncId, IReadOnlyList<AcknowledgedRow> rows, bool clearRejected,
        DateTime now, CancellationToken cancellationToken)
    {
        var keys = rows.Select(r => r.PrimaryKey).ToList();
        await DeleteKeysAsync(transaction, tables.SyncedRows, syncId, keys, cancellationToken);
        foreach (var chunk in rows.Where(r => r.Kind != ChangeKind.Removed).Chunk(ChunkRows))
        {
            var (values, parameters) = Rows(chunk.Length, [syncId, now], 4, chunk.SelectMany(r =>
                new object?[] { r.PrimaryKey, r.Fingerprint, r.DestinationId, StateLedger.IntegerKey(r.PrimaryKey) }),
                row => $"$1, {row[0]}, {row[1]}, {row[2]}, $2, {row[3]}");
            await ExecuteAsync(transaction, $"""
                INSERT INTO {tables.SyncedRows} ("sync_id", "primary_key", "fingerprint", "destination_id", "synced_at", "primary_key_int")
                VALUES {values}
                """, parameters, cancellationToken);
        }
        if (clearRejected) await DeleteKeysAsync(transaction, tables.RejectedRows, syncId, keys, cancellationToken);
    }

    /// <summary>
    /// Refused rows, each counted once more in <c>attempts</c>: the attempts and first sighting already recorded are
    /// read first (rows refused twice are few), then the keys are replaced.
    /// </summary>
    public async Task RecordRejectedAsync(DbTransaction transaction, string syncId, IReadOnlyList<RejectedRow> rows, DateTime now,
        CancellationToken cancellationToken)
    {
        var seen = await ReadSeenAsync(transaction, syncId, rows.Select(r => r.PrimaryKey).ToList(), cancellationToken);
        await DeleteKeysAsync(transaction, tables.RejectedRows, syncId, rows.Select(r => r.PrimaryKey).ToList(), cancellationToken);
        foreach (var chunk in rows.Chunk(ChunkRows))
        {
            var (values, parameters) = Rows(chunk.Length, [syncId, now], 5, chunk.SelectMany(r =>
            {
                var (attempts, firstSeen) = seen.TryGetValue(r.PrimaryKey, out var s) ? (s.Attempts + 1, s.FirstSeen) : (1, now);
                return new object?[] { r.PrimaryKey, r.Reason, r.Sample, attempts, firstSeen };
            }), row => $"$1, {row[0]}, {row[1]}, {row[2]}, {row[3]}, {row[4]}, $2");
            await ExecuteAsync(transaction, $"""
                INSERT INTO {tables.RejectedRows} ("sync_id", "primary_key", "reason", "sample", "attempts", "first_seen", "last_seen")
                VALUES {values}
                """, parameters, cancellationToken);
        }
    }

    /// <summary>The mapping's fingerprint: changed in place when it differs (its time moves then only), inserted when absent.</summary>
    public async Task RecordMappingAsync(
        DbTransaction transaction, string syncId, string configFingerprint, int fingerprints, DateTime now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(transaction, $"""
            UPDATE {tables.SyncConfig} SET "config_fingerprint" = $2, "updated_at" = $3, "row_fingerprint" = $4
            WHERE "sync_id" = $1 AND ("config_fingerprint" <> $2 OR COALESCE("row_fingerprint", 1) <> $4)
            """, [syncId, configFingerprint, now, fingerprints], cancellationToken);
        await ExecuteAsync(transaction, $"""
            INSERT INTO {tables.SyncConfig} ("sync_id", "config_fingerprint", "updated_at", "row_fingerprint")
            SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM {tables.SyncConfig} WHERE "sync_id" = $1)
            """, [syncId, configFingerprint, now, fingerprints], cancellationToken);
    }

    /// <summary>Deletes the sync's rows with these keys from <paramref name="table"/>, a chunk of keys per statement.</summary>
    public async Task DeleteKeysAsync(DbTransaction? transaction, string table, string syncId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(ChunkRows))
            await ExecuteAsync(transaction, $"""DELETE FROM {table} WHERE "sync_id" = $1 AND "primary_key" IN ({Markers(2, chunk.Length)})""",
                [syncId, .. chunk], cancellationToken);
    }

    private async Task<Dictionary<string, (int Attempts, DateTime FirstSeen)>> ReadSeenAsync(
        DbTransaction transaction, string syncId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, (int, DateTime)>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(ChunkRows))
        {
            await using var command = WarehouseCommand.Create(warehouse.Connection, $"""
                SELECT "primary_key", "attempts", "first_seen" FROM {tables.RejectedRows}
                WHERE "sync_id" = $1 AND "primary_key" IN ({Markers(2, chunk.Length)})
                """, [syncId, .. chunk], transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                seen[reader.GetString(0)] = (Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetDateTime(2));
        }
        return seen;
    }

    /// <summary>
    /// <c>(…), (…)</c> for <paramref name="count"/> rows of <paramref name="width"/> parameters each, numbered after the
    /// shared ones; <paramref name="row"/> lays one row out from its markers.
    /// </summary>
    private static (string Values, object?[] Parameters) Rows(int count, object?[] shared, int width, IEnumerable<object?> values,
        Func<string[], string> row)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var first = shared.Length + 1 + i * width;
            sql.Append(i == 0 ? "" : ",\n").Append('(').Append(row(Enumerable.Range(first, width).Select(n => "$" + n).ToArray())).Append(')');
        }
        return (sql.ToString(), [.. shared, .. values]);
    }

    private static string Markers(int first, int count) => string.Join(", ", Enumerable.Range(first, count).Select(n => "$" + n));

    private Task<int> ExecuteAsync(DbTransaction? transaction, string sql, object?[] parameters, CancellationToken cancellationToken) =>
        WarehouseCommand.ExecuteAsync(warehouse.Connection, transaction, sql, cancellationToken, parameters);
}
