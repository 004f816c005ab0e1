using ReverseEtlDbt.Warehouse.Snowflake.Data;
using Xunit;
using static ReverseEtlDbt.Tests.Warehouse.Snowflake.SnowflakeTestTargets;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class SnowflakeErrorTests : IDisposable
{
    private readonly ScriptedSnowflakeHandler api = new();

    public void Dispose() => api.Dispose();

    private async Task<SnowflakeException> FailWith(string code, string sqlState, string message)
    {
        api.Respond(422, SnowflakeJson.Failure("h-3", code, sqlState, message));
        await using var connection = Open(api);
        return await Assert.ThrowsAsync<SnowflakeException>(
            () => Command(connection, "select * from t where k = $1", "binding-value-must-not-leak").ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Missing_object_names_it_and_says_to_check_case_and_grants()
    {
        var error = await FailWith("002003", "42S02", "SQL compilation error:\nObject 'ANALYTICS.MARTS.ORDERS' does not exist or not authorized.");

        Assert.Equal(("002003", "42S02", "h-3"), (error.Code, error.SqlState, error.StatementHandle));
        Assert.Equal(2003, error.ErrorCode);
        Assert.Contains("object 'ANALYTICS.MARTS.ORDERS' does not exist, or role RETL_ROLE is not authorized to see it", error.Message);
        Assert.Contains("profile 'shop', target 'prod'", error.Message);
        Assert.Contains("Snowflake said: SQL compilation error:", error.Message);
        Assert.DoesNotContain("binding-value-must-not-leak", error.Message);
    }

    [Fact]
    public async Task Suspended_warehouse_says_to_resume_it_or_grant_usage()
    {
        var error = await FailWith("000606", "57P03", "No active warehouse selected in the current session.");

        Assert.Contains("warehouse 'TRANSFORMING' is suspended or not usable by role RETL_ROLE: resume it", error.Message);
        Assert.Contains("grant USAGE", error.Message);
    }

    [Fact]
    public async Task Insufficient_privileges_name_the_object_and_the_grant()
    {
        var error = await FailWith("003001", "42501", "SQL access control error:\nInsufficient privileges to operate on schema 'RETL_STATE'");

        Assert.Contains("role RETL_ROLE lacks a privilege on schema 'RETL_STATE': GRANT USAGE, CREATE TABLE ON SCHEMA RETL_STATE TO ROLE RETL_ROLE", error.Message);
    }

    [Fact]
    public async Task Other_errors_keep_Snowflakes_message_and_code()
    {
        var error = await FailWith("001003", "42000", "SQL compilation error: syntax error line 1 at position 0 unexpected 'selec'.");

        Assert.StartsWith("Snowflake error 001003 (42000) in profile 'shop', target 'prod': the statement failed. Snowflake said: SQL compilation error: syntax error", error.Message);
    }
}
