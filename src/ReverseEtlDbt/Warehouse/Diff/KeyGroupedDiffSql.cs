namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// The diff in one scan of the model and one of the sync's state, the key check included, for warehouses where a
/// separate key count or a join back to the model for values would be another scan on the bill
/// (<see cref="DialectTraits.GroupsKeysInDiff"/>: Snowflake). The model is grouped by its key, each group carrying its
/// row count and its values: a group of one row is diffed as usual, with its values (no join back); a group of several
/// rows is a duplicated key (<see cref="DuplicateKind"/>), never diffed, and not reported as removed when in state; the
/// group of null keys is <see cref="NullKeyKind"/>. The <see cref="DiffQueryBuilder.Changes"/> columns, then
/// <see cref="RowsColumn"/>.
/// </summary>
/// <remarks>
/// Each group's fingerprint is computed from its own values, once per key. In a duplicated key's group the values may
/// come from different rows (<c>ANY_VALUE</c>); such a group is rejected, never sent, so that is harmless.
/// </remarks>
internal sealed class KeyGroupedDiffSql(ISqlDialect dialect, DiffQueryBuilder builder)
{
    public const int DuplicateKind = 3;
    public const int NullKeyKind = 4;
    public const string RowsColumn = "__retl_n";

    public string Changes(DiffSpec spec)
    {
        var integer = DiffQueryBuilder.JoinsOnInteger(spec);
        var (key, rows, modelKey) = (Q(DiffQueryBuilder.KeyColumn), Q(RowsColumn), $"c.{Q(DiffQueryBuilder.ValueAlias(0))}");
        var stateKey = integer ? $"s.{Q(DiffQueryBuilder.StateIntegerKey)}" : $"s.{Q(DiffQueryBuilder.StateKey)}";
        var keyText = integer
            ? $"COALESCE({Text(modelKey)}, {Text(stateKey)}, s.{Q(DiffQueryBuilder.StateKey)})"
            : $"COALESCE(c.{key}, s.{Q(DiffQueryBuilder.StateKey)})";
        var (fingerprint, stateFingerprint) = (Q(DiffQueryBuilder.FingerprintColumn), Q(DiffQueryBuilder.StateFingerprint));
        var changed = spec.FullResync ? "TRUE" : $"{stateKey} IS NULL OR s.{stateFingerprint} <> c.{fingerprint}";
        var values = string.Join(", ", Enumerable.Range(1, spec.Columns.Count).Select(i => $"ANY_VALUE(m.{V(i)}) AS {V(i)}"));
        return $"""
            SELECT CASE WHEN c.{rows} IS NULL THEN 2 WHEN {modelKey} IS NULL THEN {NullKeyKind} WHEN c.{rows} > 1 THEN {DuplicateKind}
                        WHEN {stateKey} IS NULL THEN 0 ELSE 1 END AS {Q(DiffQueryBuilder.KindColumn)},
                   {keyText} AS {key},
                   COALESCE(c.{fingerprint}, s.{stateFingerprint}) AS {fingerprint},
                   s.{Q(DiffQueryBuilder.StateDestinationId)} AS {Q(DiffQueryBuilder.DestinationIdColumn)}, {modelKey} AS {Q(DiffQueryBuilder.ModelKeyColumn)},
                   {builder.ValueColumns(spec, "c")}, c.{rows} AS {rows}
            FROM (
              SELECT g.*{(integer ? "" : $", {Text($"g.{V(0)}")} AS {key}")}, {builder.FingerprintExpression(spec, "g", "$2")} AS {fingerprint}
              FROM (
                SELECT m.{V(0)}{(values.Length == 0 ? "" : ", " + values)}, COUNT(*) AS {rows}
                FROM {builder.ModelValues(spec)} AS m
                GROUP BY m.{V(0)}
              ) AS g
            ) AS c
            FULL OUTER JOIN {builder.State(spec, integer)} AS s ON {stateKey} = {(integer ? modelKey : $"c.{key}")}
            WHERE c.{rows} IS NULL OR {modelKey} IS NULL OR c.{rows} > 1 OR {changed}
            """;
    }

    /// <summary>Per kind present: kind, rows of the table, and model rows they stand for (a duplicated key's group is several).</summary>
    public DiffQuery Counts(string table) =>
        new($"SELECT {Q(DiffQueryBuilder.KindColumn)}, COUNT(*), SUM({Q(RowsColumn)}) FROM {Q(table)} GROUP BY {Q(DiffQueryBuilder.KindColumn)}", []);

    private string V(int index) => Q(DiffQueryBuilder.ValueAlias(index));

    private string Text(string expression) => dialect.CastToText(expression);

    private string Q(string identifier) => dialect.QuoteIdentifier(identifier);
}
