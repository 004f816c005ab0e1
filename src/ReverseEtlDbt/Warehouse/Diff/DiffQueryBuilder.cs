namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// Builds the diff SQL for one <see cref="DiffSpec"/>: pure, no I/O. The model relation is read by named, quoted
/// columns only (never <c>select *</c>); the sync id and config fingerprint are parameters.
/// </summary>
/// <remarks>
/// Output columns of <see cref="Changes"/>: kind (0 added, 1 changed, 2 removed), primary key as text, fingerprint,
/// destination id, then the primary key column and <see cref="DiffSpec.Columns"/> as <c>c0</c>…<c>cN</c>.
/// Rows whose primary key is null or duplicated are left out of the diff and reported by <see cref="RejectedCounts"/>
/// and <see cref="RejectedSample"/>; a duplicated key that is in state is not reported as removed.
/// </remarks>
public sealed class DiffQueryBuilder(ISqlDialect dialect)
{
    public const string KindColumn = "__retl_kind";
    public const string KeyColumn = "__retl_pk";
    public const string FingerprintColumn = "__retl_fp";
    public const string DestinationIdColumn = "__retl_did";

    /// <summary>Added, changed and removed rows with their values, unordered (streamed).</summary>
    public DiffQuery Changes(DiffSpec spec) =>
        new(ChangesSql(spec), [spec.SyncId, spec.ConfigFingerprint]);

    /// <summary>
    /// Up to <paramref name="limit"/> changes of each kind, by key (stable for <c>retl plan</c>): numbered within each
    /// kind so that many added rows cannot hide the changed and removed ones; shorter keys first, so integer keys come
    /// in numeric order.
    /// </summary>
    public DiffQuery Sample(DiffSpec spec, int limit)
    {
        var columns = string.Join(", ", OutputColumns(spec).Select(c => "y." + Q(c)));
        var n = Q("__retl_n");
        var sql = $"""
            SELECT {columns}
            FROM (
              SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.{Q(KindColumn)} ORDER BY LENGTH(x.{Q(KeyColumn)}), x.{Q(KeyColumn)}) AS {n}
              FROM (
            {ChangesSql(spec)}
              ) AS x
            ) AS y
            WHERE y.{n} <= $3
            ORDER BY y.{Q(KindColumn)}, y.{n}
            """;
        return new(sql, [spec.SyncId, spec.ConfigFingerprint, limit]);
    }

    /// <summary>One row per kind present: kind, count.</summary>
    public DiffQuery Counts(DiffSpec spec)
    {
        var sql = $"SELECT x.{Q(KindColumn)}, COUNT(*) AS {Q("n")}\nFROM (\n{ChangesSql(spec)}\n) AS x\nGROUP BY x.{Q(KindColumn)}";
        return new(sql, [spec.SyncId, spec.ConfigFingerprint]);
    }

    /// <summary>One row: number of model rows with a null key, number of rows sharing a duplicated key.</summary>
    public DiffQuery RejectedCounts(DiffSpec spec)
    {
        var sql = $"""
            SELECT COUNT(*) FILTER (WHERE m.{Q(KeyColumn)} IS NULL) AS {Q("null_keys")},
                   COUNT(*) FILTER (WHERE m.{Q(KeyColumn)} IS NOT NULL) AS {Q("duplicate_keys")}
            FROM {ModelKeys(spec)} AS m
            WHERE {RejectedPredicate(spec)}
            """;
        return new(sql, []);
    }

    /// <summary>Up to <paramref name="limit"/> rejected rows: reason (0 null key, 1 duplicate key), key as text, then the columns.</summary>
    public DiffQuery RejectedSample(DiffSpec spec, int limit)
    {
        var sql = $"""
            SELECT CASE WHEN m.{Q(KeyColumn)} IS NULL THEN 0 ELSE 1 END AS {Q("reason")}, m.{Q(KeyColumn)}, {ValueColumns(spec, "m")}
            FROM {ModelRows(spec)} AS m
            WHERE {RejectedPredicate(spec)}
            ORDER BY 1, 2
            LIMIT $1
            """;
        return new(sql, [limit]);
    }

    /// <summary>
    /// The row fingerprint: hash of the config fingerprint and each column rendered by
    /// <see cref="ISqlDialect.CastToText"/>, joined by U+001F (unit separator), a null rendered as U+001E (record
    /// separator), so null, empty text and the text "null" all differ. Two rows collide only if a text value itself
    /// contains U+001F or U+001E, which we accept for change detection.
    /// </summary>
    public string FingerprintExpression(DiffSpec spec, string alias, string configParameter)
    {
        var parts = new[] { dialect.CastToText(configParameter) }
            .Concat(Enumerable.Range(1, spec.Columns.Count)
                .Select(i => $"COALESCE({dialect.CastToText($"{alias}.{Q(ValueAlias(i))}")}, chr(30))"));
        return dialect.HashText($"concat_ws(chr(31), {string.Join(", ", parts)})");
    }

    /// <summary>
    /// One full outer join of the model rows (non-null keys, each flagged when its key is duplicated) with the sync's
    /// state: unmatched state rows are removed; unflagged model rows are added or, when the fingerprint differs,
    /// changed. Duplicated keys match their state row, so they are neither diffed nor reported as removed.
    /// </summary>
    private string ChangesSql(DiffSpec spec)
    {
        var values = ValueColumns(spec, "c");
        var changed = spec.FullResync ? "" : $" AND (s.{Q("primary_key")} IS NULL OR s.{Q("fingerprint")} <> c.{Q(FingerprintColumn)})";
        return $"""
            SELECT CASE WHEN c.{Q(KeyColumn)} IS NULL THEN 2 WHEN s.{Q("primary_key")} IS NULL THEN 0 ELSE 1 END AS {Q(KindColumn)},
                   COALESCE(c.{Q(KeyColumn)}, s.{Q("primary_key")}) AS {Q(KeyColumn)},
                   COALESCE(c.{Q(FingerprintColumn)}, s.{Q("fingerprint")}) AS {Q(FingerprintColumn)},
                   s.{Q("destination_id")} AS {Q(DestinationIdColumn)}, {values}
            FROM (
              SELECT m.{Q(KeyColumn)}, {ValueColumns(spec, "m")}, {FingerprintExpression(spec, "m", "$2")} AS {Q(FingerprintColumn)},
                     {(spec.KeysVerifiedUnique ? "FALSE" : $"d.{Q(ValueAlias(0))} IS NOT NULL")} AS {Q("__retl_duplicate")}
              FROM {ModelRows(spec)} AS m{(spec.KeysVerifiedUnique ? "" : $"\n  LEFT JOIN {DuplicateKeys(spec)} AS d ON d.{Q(ValueAlias(0))} = m.{Q(ValueAlias(0))}")}
              WHERE m.{Q(KeyColumn)} IS NOT NULL
            ) AS c
            FULL OUTER JOIN {State(spec)} AS s ON s.{Q("primary_key")} = c.{Q(KeyColumn)}
            WHERE c.{Q(KeyColumn)} IS NULL OR (NOT c.{Q("__retl_duplicate")}{changed})
            """;
    }

    private IEnumerable<string> OutputColumns(DiffSpec spec) =>
        new[] { KindColumn, KeyColumn, FingerprintColumn, DestinationIdColumn }
            .Concat(Enumerable.Range(0, spec.Columns.Count + 1).Select(ValueAlias));

    private string RejectedPredicate(DiffSpec spec) =>
        $"m.{Q(KeyColumn)} IS NULL OR m.{Q(ValueAlias(0))} IN (SELECT d.{Q(ValueAlias(0))} FROM {DuplicateKeys(spec)} AS d)";

    private string ModelRows(DiffSpec spec)
    {
        var columns = new[] { spec.PrimaryKey }.Concat(spec.Columns).Select((c, i) => $"{Q(c)} AS {Q(ValueAlias(i))}");
        return $"(SELECT {KeyText(spec)} AS {Q(KeyColumn)}, {string.Join(", ", columns)} FROM {spec.Relation.Render(dialect)})";
    }

    private string ModelKeys(DiffSpec spec) =>
        $"(SELECT {KeyText(spec)} AS {Q(KeyColumn)}, {Q(spec.PrimaryKey)} AS {Q(ValueAlias(0))} FROM {spec.Relation.Render(dialect)})";

    /// <summary>Duplicated keys, grouped on the key's own type (cheaper than its text), as <c>c0</c>.</summary>
    private string DuplicateKeys(DiffSpec spec) =>
        $"(SELECT {Q(spec.PrimaryKey)} AS {Q(ValueAlias(0))} FROM {spec.Relation.Render(dialect)} WHERE {Q(spec.PrimaryKey)} IS NOT NULL GROUP BY {Q(spec.PrimaryKey)} HAVING COUNT(*) > 1)";

    private string State(DiffSpec spec) => spec.StateExists
        ? $"(SELECT {Q("primary_key")}, {Q("fingerprint")}, {Q("destination_id")} FROM {Q(spec.StateSchema)}.{Q("synced_rows")} WHERE {Q("sync_id")} = $1)"
        : $"(SELECT {Text("NULL")} AS {Q("primary_key")}, {Text("NULL")} AS {Q("fingerprint")}, {Text("NULL")} AS {Q("destination_id")} WHERE {Text("$1")} IS NULL AND 1 = 0)";

    private string Text(string expression) => dialect.CastToText(expression);

    private string KeyText(DiffSpec spec) => dialect.CastToText(Q(spec.PrimaryKey));

    private string ValueColumns(DiffSpec spec, string alias) =>
        string.Join(", ", Enumerable.Range(0, spec.Columns.Count + 1).Select(i => $"{alias}.{Q(ValueAlias(i))}"));

    private static string ValueAlias(int index) => "c" + index;

    private string Q(string identifier) => dialect.QuoteIdentifier(identifier);
}
