namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// The row fingerprint: hash of the config fingerprint and each column rendered by
/// <see cref="ISqlDialect.CastToText"/>, joined by U+001F (unit separator), a null rendered as U+001E (record
/// separator), so null, empty text and the text "null" all differ. Two rows collide only if a text value itself
/// contains U+001F or U+001E, which we accept for change detection.
/// </summary>
/// <remarks>
/// The two characters are written into the SQL as string literals, not as <c>chr(30)</c>/<c>chr(31)</c> (the same
/// text, so the same fingerprints): DuckDB evaluated <c>chr()</c> per row inside <c>COALESCE</c>, which made the
/// fingerprint 1.25× the cost of a plain <c>concat_ws</c> (1M rows: 0.16 s against 0.13 s). Every part is non-null,
/// so the dialect may join with <c>concat_ws</c> or <c>||</c> (<see cref="ISqlDialect.JoinTexts"/>) to the same text.
/// </remarks>
internal sealed class RowFingerprint(ISqlDialect dialect)
{
    private const string Separator = "'\u001F'";
    private const string NullMarker = "'\u001E'";

    /// <summary>The hash of <paramref name="configParameter"/> and <paramref name="columns"/> (SQL expressions), in order.</summary>
    public string Expression(IEnumerable<string> columns, string configParameter)
    {
        var parts = new[] { dialect.CastToText(configParameter) }
            .Concat(columns.Select(column => $"COALESCE({dialect.CastToText(column)}, {NullMarker})"));
        return dialect.HashText(dialect.JoinTexts(Separator, parts));
    }
}
