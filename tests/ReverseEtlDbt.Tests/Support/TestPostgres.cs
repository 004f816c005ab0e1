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
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString) return connectionString;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{Variable} is not set but CI=true: PostgreSQL tests must run in CI, not be skipped.");
        Skip.If(true, $"{Variable} is not set: PostgreSQL tests skipped. Run `export {Variable}=$(.ci/start-postgres)` to run them.");
        throw new InvalidOperationException("unreachable");
    }
}
