using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.State;

/// <summary>
/// The ledger's schema, as numbered steps applied in order and recorded in <c>schema_version</c> (like DbUp's
/// journal). A later release appends a step; a step, once released, never changes.
/// </summary>
internal static class StateMigrations
{
    /// <summary>
    /// Steps by version; <c>{0}</c> is the quoted state schema, <c>TEXT</c> stands for the dialect's text type
    /// (<see cref="ISqlDialect.TextType"/>: Redshift turns a <c>TEXT</c> column into <c>VARCHAR(256)</c>). A statement
    /// starting with <see cref="NativeOnly"/> only rewrites rows that older releases wrote, on the warehouses they
    /// supported (DuckDB, PostgreSQL); a ledger on any other warehouse starts empty at this release.
    /// </summary>
    public static IReadOnlyList<(int Version, string Description, string[] Statements)> All { get; } =
    [
        (1, "synced rows, sync config, runs, rejected rows, locks",
        [
            """
            CREATE TABLE {0}."synced_rows" (
              "sync_id" TEXT NOT NULL, "primary_key" TEXT NOT NULL, "fingerprint" TEXT NOT NULL,
              "destination_id" TEXT, "synced_at" TIMESTAMP NOT NULL,
              PRIMARY KEY ("sync_id", "primary_key"))
            """,
            """
            CREATE TABLE {0}."sync_config" (
              "sync_id" TEXT PRIMARY KEY, "config_fingerprint" TEXT NOT NULL, "updated_at" TIMESTAMP NOT NULL)
            """,
            """
            CREATE TABLE {0}."runs" (
              "run_id" TEXT PRIMARY KEY, "sync_id" TEXT NOT NULL, "command" TEXT NOT NULL,
              "started_at" TIMESTAMP NOT NULL, "ended_at" TIMESTAMP, "status" TEXT NOT NULL,
              "added" BIGINT NOT NULL DEFAULT 0, "changed" BIGINT NOT NULL DEFAULT 0, "removed" BIGINT NOT NULL DEFAULT 0,
              "rejected" BIGINT NOT NULL DEFAULT 0, "failed" BIGINT NOT NULL DEFAULT 0, "requests" BIGINT NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE {0}."rejected_rows" (
              "sync_id" TEXT NOT NULL, "primary_key" TEXT NOT NULL, "reason" TEXT NOT NULL, "sample" TEXT,
              "attempts" INTEGER NOT NULL, "first_seen" TIMESTAMP NOT NULL, "last_seen" TIMESTAMP NOT NULL,
              PRIMARY KEY ("sync_id", "primary_key"))
            """,
            """
            CREATE TABLE {0}."locks" (
              "sync_id" TEXT PRIMARY KEY, "holder" TEXT NOT NULL, "acquired_at" TIMESTAMP NOT NULL, "expires_at" TIMESTAMP)
            """,
        ]),
        (2, "integer copy of integer primary keys, so an integer-keyed model joins its state on integers",
        [
            """ALTER TABLE {0}."synced_rows" ADD COLUMN "primary_key_int" BIGINT""",
            // The same rule as StateLedger.IntegerKey: canonical decimal text of a BIGINT (what CAST(int AS text) gives).
            NativeOnly + """
            UPDATE {0}."synced_rows" SET "primary_key_int" = CAST("primary_key" AS BIGINT)
            WHERE (CASE WHEN "primary_key" SIMILAR TO '0|-?[1-9][0-9]{{0,18}}' THEN CAST("primary_key" AS NUMERIC(20, 0)) END)
                  BETWEEN -9223372036854775808 AND 9223372036854775807
            """,
        ]),
        (RowFingerprintVersion, "the format of each sync's row fingerprints (null: written by an earlier release, in the seeded format)",
        [
            """ALTER TABLE {0}."sync_config" ADD COLUMN "row_fingerprint" INTEGER""",
        ]),
        // No statement: the step marks the ledger, so a release that knows only formats 1 and 2 refuses it.
        (4, "row fingerprints of the values alone (format 3); the mapping is recorded before a run sends, clearing the sync's fingerprints when it changes",
        []),
    ];

    public static int LatestVersion => All[^1].Version;

    /// <summary>The version that added <c>sync_config.row_fingerprint</c>: an older ledger (read as it is by plan) has no such column.</summary>
    public const int RowFingerprintVersion = 3;

    /// <summary>Marks a statement that runs only where <see cref="DialectTraits.NativeUpserts"/> (DuckDB, PostgreSQL).</summary>
    internal const string NativeOnly = "-- native only\n";

    /// <summary>A step's statement in <paramref name="dialect"/>, or null when it does not apply there.</summary>
    public static string? Render(string statement, string quotedSchema, ISqlDialect dialect)
    {
        if (statement.StartsWith(NativeOnly, StringComparison.Ordinal) && !dialect.Traits.NativeUpserts) return null;
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, quotedSchema);
        return dialect.TextType == "TEXT" ? sql : System.Text.RegularExpressions.Regex.Replace(sql, @"(?<=""\s)TEXT\b", dialect.TextType);
    }
}
