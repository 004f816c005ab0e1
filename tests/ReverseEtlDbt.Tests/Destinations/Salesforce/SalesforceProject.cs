using System.Globalization;
using System.Security.Cryptography;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.Salesforce;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations.Salesforce;

/// <summary>
/// The example project with one more destination for <c>customer_health</c>: Salesforce Contacts matched by the
/// external id field <c>Customer_Id__c</c>, through a <c>salesforce</c> connection pointed at the harness' emulator
/// with a fresh client secret per harness (so any output can be searched for it).
/// </summary>
internal static class SalesforceProject
{
    public const string SyncId = "customer_health_to_salesforce";
    public const string ExternalId = "Customer_Id__c";

    /// <param name="connectionKeys">Extra lines for the connection, e.g. <c>bulk_threshold: 100</c>.</param>
    public static async Task<(SyncHarness Harness, string ClientSecret)> StartAsync(string mode = "mirror", string connectionKeys = "")
    {
        var secret = "sf-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var options = new EmulatorOptions { Salesforce = { ClientId = "3MVG9-example-app", ClientSecret = secret } };
        var harness = await SyncHarness.StartAsync(options, dir => AddSalesforce(dir, mode, connectionKeys));
        harness.SetEnv("SALESFORCE_CLIENT_ID", options.Salesforce.ClientId);
        harness.SetEnv("SALESFORCE_CLIENT_SECRET", secret);
        harness.SetEnv("SALESFORCE_URL", harness.Emulator.BaseUrl.ToString().TrimEnd('/'));
        return (harness, secret);
    }

    /// <summary>Contacts equal the model: one per customer id, each mapped field as the model has it.</summary>
    public static async Task AssertContactsEqualModelAsync(SyncHarness harness, string? exceptWhere = null)
    {
        var model = await harness.QueryAsync("select customer_id, email, first_name, health_score, tier from main.customer_health"
                                             + (exceptWhere is null ? "" : $" where not ({exceptWhere})") + " order by customer_id");
        var contacts = harness.Emulator.Salesforce.Records("Contact");
        Assert.Equal(model.Select(r => Text(r["customer_id"])).Order(StringComparer.Ordinal),
            contacts.Select(c => c[ExternalId]).Order(StringComparer.Ordinal));
        var byKey = contacts.ToDictionary(c => c[ExternalId]!);
        foreach (var row in model)
        {
            var contact = byKey[Text(row["customer_id"])!];
            Assert.Equal((Text(row["email"]), Text(row["first_name"]), Text(row["health_score"]), Text(row["tier"])),
                (contact["Email"], contact["FirstName"], contact["Health_Score__c"], contact["Tier__c"]));
        }
    }

    public static IReadOnlyList<SalesforceRequest> DataRequests(SyncHarness harness) =>
        harness.Emulator.Salesforce.Requests.Where(r => r.Operation != "token").ToList();

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);

    private static void AddSalesforce(string projectDir, string mode, string connectionKeys)
    {
        File.AppendAllText(Path.Combine(projectDir, "retl_connections.yml"), $$$"""

            salesforce:
              type: salesforce
              client_id: "{{ env_var('SALESFORCE_CLIENT_ID') }}"
              client_secret: "{{ env_var('SALESFORCE_CLIENT_SECRET') }}"
              base_url: "{{ env_var('SALESFORCE_URL') }}"
              {{{connectionKeys}}}

            """);
        var destination = $$"""
                        - connection: salesforce
                          id: {{SyncId}}
                          object: Contact
                          mode: {{mode}}
                          match: {column: customer_id, field: {{ExternalId}}}
                          fields: {email: Email, first_name: FirstName, health_score: Health_Score__c, tier: Tier__c}
                          allow_pii: [email]

            """;
        ExampleProjectFiles.AddDestination(projectDir, ExampleProjectFiles.WarehouseAppDestination, destination);
    }
}
