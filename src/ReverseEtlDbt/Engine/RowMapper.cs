using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Values;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Turns a diff row (model columns) into what a destination receives (destination fields): mapping, hashing,
/// static fields, the null policy and the row's idempotency key. Pure.
/// </summary>
/// <param name="destinationHashes">
/// The destination hashes with its own rules (<see cref="DestinationCapabilities.HashesFields"/>): leave <c>hash:</c>
/// columns as they are for it.
/// </param>
public sealed class RowMapper(DestinationSync sync, bool destinationHashes = false)
{
    private readonly HashSet<string> hashed = destinationHashes ? [] : sync.Hash.ToHashSet(StringComparer.OrdinalIgnoreCase);

    public RecordChange Map(DiffRow row)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (row.Kind != ChangeKind.Removed)
        {
            foreach (var (name, value) in sync.Static) fields[name] = Scalar(value);
            foreach (var mapping in sync.Fields)
            {
                var value = Value(row, mapping.Column);
                if (value is null && sync.Nulls == NullPolicy.Skip) continue;
                fields[mapping.Field] = value;
            }
        }
        var match = sync.Match is { } m && row.Kind != ChangeKind.Removed ? Value(row, m.Column)?.ToString() : null;
        if (sync.Match is { } mm && match is not null && !fields.ContainsKey(mm.Field)) fields[mm.Field] = match;
        return new RecordChange(row.PrimaryKey, match, fields, row.DestinationId, IdempotencyKey(sync.Id, row.PrimaryKey, row.Fingerprint));
    }

    /// <summary>Stable across retries and runs for the same row content: sync id + primary key + row fingerprint.</summary>
    public static string IdempotencyKey(string syncId, string primaryKey, string fingerprint) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{syncId}\u001f{primaryKey}\u001f{fingerprint}")))[..32];

    private object? Value(DiffRow row, string column)
    {
        // The diff keys values by the sync's own column names, so the lookup is direct; the scan only covers a case mismatch.
        if (!row.Values.TryGetValue(column, out var value))
            value = row.Values.FirstOrDefault(kv => string.Equals(kv.Key, column, StringComparison.OrdinalIgnoreCase)).Value;
        if (value is DBNull) value = null;
        return value is not null && hashed.Contains(column) ? IdentifierHash.Sha256(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "") : value;
    }

    private static object? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var l) ? l : ExactNumber.TryParse(value.GetRawText()),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
