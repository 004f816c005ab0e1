using Xunit;
namespace ReverseEtlDbt.Tests.Support;

/// <summary>
/// The PostgreSQL server for tests, from env <c>RETL_TEST_POSTGRES</c> (an Npgsql connection string; locally,
/// <c>export RETL_TEST_POSTGRES=$(.ci/start-postgres)</c>). Without it a test is skipped with that reason,
/// except when <c>CI=true</c>: then it fails, so CI can never pass by skipping PostgreSQL.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "RETL_TEST_POSTGRES";

    /// <summary>The connection string; skips (or, in CI, fails) the calling test when it is not set.</summary>
    /// <remarks>Call only from a <c>[SkippableFact]</c> or <c>[SkippableTheory]</c>: skipping works by throwing.</remarks>
    public static string RequireConnectionString()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString)
        {
            RedshiftFunctions.Value.GetAwaiter().GetResult();
            return connectionString;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{Variable} is not set but CI=true: PostgreSQL tests must run in CI, not be skipped.");
        Skip.If(true, $"{Variable} is not set: PostgreSQL tests skipped. Run `export {Variable}=$(.ci/start-postgres)` to run them.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// Redshift's <c>ANY_VALUE</c> aggregate on the server, once per test run: PostgreSQL has it from version 16 only, and
    /// the tests run Redshift's dialect on this server. Defined in <c>pg_catalog</c> so every search path sees it; the
    /// first non-null value, which is exact for the diff's groups of one row.
    /// </summary>
    private static readonly Lazy<Task> RedshiftFunctions = new(async () =>
    {
        await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable(Variable));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'any_value' AND prokind = 'a') THEN
                CREATE FUNCTION pg_catalog.retl_any_value_step(anyelement, anyelement) RETURNS anyelement
                  LANGUAGE sql IMMUTABLE AS 'SELECT COALESCE($1, $2)';
                CREATE AGGREGATE pg_catalog.any_value(anyelement) (SFUNC = pg_catalog.retl_any_value_step, STYPE = anyelement);
              END IF;
            EXCEPTION WHEN duplicate_function THEN NULL; -- another test run defined it meanwhile
            END $$
            """;
        await command.ExecuteNonQueryAsync();
    });
}
