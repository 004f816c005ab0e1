using Npgsql;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Postgres;

/// <summary>The SQL of one batch operation against one table. Source rows arrive as text columns c0..cN.</summary>
internal sealed class PostgresStatement
{
    private readonly WriteOperation operation;
    private readonly TableShape table;
    private readonly string key;
    private readonly IReadOnlyList<string> fields;
    private readonly NullPolicy nulls;

    private PostgresStatement(WriteOperation operation, TableShape table, string key, IReadOnlyList<string> fields, NullPolicy nulls)
    {
        this.operation = operation;
        this.table = table;
        this.key = key;
        this.fields = fields;
        this.nulls = nulls;
    }

    public static PostgresStatement For(DestinationBatch batch, TableShape table)
    {
        var key = batch.Sync.Match?.Field
            ?? throw new DestinationFatalException($"Sync '{batch.Sync.Id}' needs `match` to know the key column of '{table.Name}'");
        var fields = batch.Operation is WriteOperation.Delete or WriteOperation.Archive
            ? []
            : batch.Changes.SelectMany(c => c.Fields.Keys).Where(f => f != key).Distinct(StringComparer.Ordinal).ToList();
        var unknown = fields.Prepend(key).Where(f => !table.Columns.ContainsKey(f)).ToList();
        if (unknown.Count > 0)
            throw new DestinationFatalException(
                $"Table '{table.Name}' has no column {string.Join(", ", unknown.Select(u => $"'{u}'"))} (it has: {string.Join(", ", table.Columns.Keys)})");
        return new PostgresStatement(batch.Operation, table, key, fields, batch.Sync.Nulls);
    }

    public async Task<IReadOnlyList<RowOutcome>> ExecuteAsync(NpgsqlConnection connection, IReadOnlyList<RecordChange> changes, CancellationToken ct)
    {
        var rows = changes.Select(c => new[] { KeyOf(c) }.Concat(fields.Select(f => PostgresDestination.ToText(c.Fields.GetValueOrDefault(f)))).ToArray()).ToList();
        await using var command = new NpgsqlCommand { Connection = connection };
        var source = changes.Count > PostgresDestinationOptions.CopyThreshold
            ? await CopyToTempAsync(connection, rows, ct)
            : Unnest(command, rows);
        command.CommandText = $"with src as ({source}) {Sql()}";
        var written = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) written.Add(reader.GetString(0));
        return changes.Select(c =>
        {
            var k = KeyOf(c);
            return operation == WriteOperation.Update && k is not null && !written.Contains(k)
                ? RowOutcome.Rejected(c.PrimaryKey, $"no row in '{table.Name}' with {key} = '{k}' to update")
                : RowOutcome.Ok(c.PrimaryKey, k);
        }).ToList();
    }

    private string? KeyOf(RecordChange c) =>
        operation is WriteOperation.Delete or WriteOperation.Archive ? c.DestinationId ?? c.MatchValue : c.MatchValue ?? c.DestinationId;

    private string Sql()
    {
        var t = Quote(table.Name);
        var k = Quote(key);
        string Cast(int i, string column) => $"src.c{i}::{table.Columns[column]}";
        var columns = string.Join(", ", fields.Prepend(key).Select(Quote));
        var values = string.Join(", ", fields.Prepend(key).Select((f, i) => Cast(i, f)));
        string Set(string prefix) => string.Join(", ", fields.Select((f, i) => nulls == NullPolicy.Skip
            ? $"{Quote(f)} = coalesce({prefix}{(prefix == "excluded." ? Quote(f) : $"c{i + 1}::{table.Columns[f]}")}, {t}.{Quote(f)})"
            : $"{Quote(f)} = {(prefix == "excluded." ? "excluded." + Quote(f) : Cast(i + 1, f))}"));
        return operation switch
        {
            WriteOperation.Delete or WriteOperation.Archive =>
                $"delete from {t} where {k} in (select {Cast(0, key)} from src) returning {k}::text",
            WriteOperation.Insert =>
                $"insert into {t} ({columns}) select {values} from src on conflict ({k}) do nothing returning {k}::text",
            WriteOperation.Update => fields.Count == 0
                ? $"select {k}::text from {t} where {k} in (select {Cast(0, key)} from src)"
                : $"update {t} set {Set("src.")} from src where {t}.{k} = {Cast(0, key)} returning {t}.{k}::text",
            _ => fields.Count == 0
                ? $"insert into {t} ({columns}) select {values} from src on conflict ({k}) do nothing returning {k}::text"
                : $"insert into {t} ({columns}) select {values} from src on conflict ({k}) do update set {Set("excluded.")} returning {k}::text",
        };
    }

    private string Unnest(NpgsqlCommand command, List<string?[]> rows)
    {
        var names = Enumerable.Range(0, fields.Count + 1).Select(i => $"c{i}").ToList();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            command.Parameters.Add(PostgresDestination.TextArray(name, rows.Select(r => r[i])));
        return $"select * from unnest({string.Join(", ", names.Select(n => "@" + n))}) as u({string.Join(", ", names)})";
    }

    private async Task<string> CopyToTempAsync(NpgsqlConnection connection, List<string?[]> rows, CancellationToken ct)
    {
        var names = Enumerable.Range(0, fields.Count + 1).Select(i => $"c{i}").ToList();
        await using (var create = new NpgsqlCommand(
            $"create temp table if not exists retl_src ({string.Join(", ", names.Select(n => n + " text"))}) on commit drop; truncate retl_src", connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var importer = await connection.BeginBinaryImportAsync($"copy retl_src ({string.Join(", ", names)}) from stdin (format binary)", ct))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var value in row)
                    if (value is null) await importer.WriteNullAsync(ct);
                    else await importer.WriteAsync(value, NpgsqlTypes.NpgsqlDbType.Text, ct);
            }
            await importer.CompleteAsync(ct);
        }
        return "select * from retl_src";
    }

    private static string Quote(string identifier) =>
        string.Join('.', identifier.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"") + "\""));
}
