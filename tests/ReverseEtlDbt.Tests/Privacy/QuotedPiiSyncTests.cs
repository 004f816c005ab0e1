using System.Text.RegularExpressions;
using Npgsql;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Privacy;

/// <summary>
/// A destination that quotes a refused email back (HubSpot's 207, a webhook receiver's 400, PostgreSQL's "Failing row
/// contains"): the email reaches no output, file or table unmasked. Salesforce, Zendesk and Meta have the same test
/// in their own sync tests, next to the project they build.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class QuotedPiiSyncTests
{
    /// <summary>An address every emulator refuses (no dot after the @) whose mask, <c>k***@not-an-email</c>, is easy to find.</summary>
    public const string InvalidEmail = "kit-4@not-an-email";

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [Fact]
    public async Task HubSpot_207_quoting_an_invalid_email_leaves_it_masked_everywhere()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Emulator.HubSpot.Options.ValuePatterns["email"] = EmailPattern();
        await harness.ExecuteAsync($"update main.customer_health set email = '{InvalidEmail}' where customer_id = 4");

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(harness.Emulator.HubSpot.Requests, r => r.Status == 207);
        Assert.Equal(1, harness.SyncResult(SyncHarness.HubSpotSync)["counts"]!["rejected"]!.GetValue<long>());
        await QuotedPiiScan.AssertMaskedEverywhereAsync(harness, SyncHarness.HubSpotSync, InvalidEmail, [run]);
    }

    [Fact]
    public async Task Webhook_400_quoting_an_invalid_email_leaves_it_masked_everywhere()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: AddCustomerWebhook);
        harness.Emulator.Webhook.Options.ValidateEmails = true;
        await harness.ExecuteAsync($"update main.customer_health set email = '{InvalidEmail}' where customer_id = 4");

        var run = await harness.SyncAsync(CustomerWebhookSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        // The receiver refuses the whole delivery, so every row of it carries the reason that quotes row 4's email.
        Assert.Equal(50, harness.SyncResult(CustomerWebhookSync)["counts"]!["rejected"]!.GetValue<long>());
        await QuotedPiiScan.AssertMaskedEverywhereAsync(harness, CustomerWebhookSync, InvalidEmail, [run]);
    }

    [SkippableFact]
    public async Task PostgreSQL_failing_row_detail_quoting_an_email_leaves_it_masked_everywhere()
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.RequireConnectionString());
        var database = "retl_pii_" + Guid.NewGuid().ToString("N")[..12];
        var app = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = false }.ConnectionString;
        await ExecuteAsync(server.ConnectionString, $"create database \"{database}\"");
        try
        {
            await ExecuteAsync(app, """
                create table public.customer_health_scores (
                  customer_id integer primary key, email text check (email like '%@%.%'), health_score integer, tier text,
                  lifetime_value double precision, last_order_at timestamp)
                """);
            await using var harness = await SyncHarness.StartAsync();
            harness.SetEnv("RETL_APP_PG_HOST", server.Host ?? "127.0.0.1");
            harness.SetEnv("RETL_APP_PG_PORT", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            harness.SetEnv("RETL_APP_PG_USER", server.Username ?? "postgres");
            harness.SetEnv("RETL_APP_PG_PASSWORD", server.Password ?? "");
            harness.SetEnv("RETL_APP_PG_DBNAME", database);
            await harness.ExecuteAsync($"update main.customer_health set email = '{InvalidEmail}' where customer_id = 4");

            var run = await harness.SyncAsync(SyncHarness.AppDatabaseSync);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal(1, harness.SyncResult(SyncHarness.AppDatabaseSync)["counts"]!["rejected"]!.GetValue<long>());
            Assert.Contains("Failing row contains", harness.SyncResult(SyncHarness.AppDatabaseSync).ToJsonString(), StringComparison.Ordinal);
            await QuotedPiiScan.AssertMaskedEverywhereAsync(harness, SyncHarness.AppDatabaseSync, InvalidEmail, [run]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server.ConnectionString, $"drop database if exists \"{database}\" with (force)");
        }
    }

    public const string CustomerWebhookSync = "customer_health__webhook__customer_updated";

    /// <summary>customer_health sent, email included, to the example's webhook connection.</summary>
    internal static void AddCustomerWebhook(string projectDir) =>
        ExampleProjectFiles.AddDestination(projectDir, ExampleProjectFiles.WarehouseAppDestination, """
                        - connection: webhook
                          object: customer_updated
                          mode: upsert
                          fields: {email: email, tier: tier}
                          allow_pii: [email]

            """);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
