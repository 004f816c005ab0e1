using System.Globalization;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>What the HubSpot emulator must hold after <c>customer_health__hubspot__contacts</c> synced the model.</summary>
public static class HubSpotExpectations
{
    /// <summary>
    /// Active contacts are exactly the model's rows: one per email, no duplicates, every mapped property equal to
    /// the model's value (as HubSpot stores it: a string; a null is a cleared property).
    /// </summary>
    public static async Task AssertContactsEqualModelAsync(SyncHarness harness)
    {
        var model = await harness.QueryAsync("select email, first_name, health_score, tier from main.customer_health order by email");
        var contacts = harness.Emulator.HubSpot.Records("contacts");

        var duplicates = contacts.GroupBy(c => c["email"], StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicate contacts: " + string.Join(", ", duplicates));
        Assert.Equal(model.Select(r => (string)r["email"]!).Order(StringComparer.Ordinal),
            contacts.Select(c => c["email"]!).Order(StringComparer.Ordinal));

        var byEmail = contacts.ToDictionary(c => c["email"]!, StringComparer.OrdinalIgnoreCase);
        foreach (var row in model)
        {
            var contact = byEmail[(string)row["email"]!];
            Assert.Equal(Text(row["first_name"]), contact["firstname"]);
            Assert.Equal(Text(row["health_score"]), contact["churn_risk_score"]);
            Assert.Equal(Text(row["tier"]), contact["account_tier"]);
            Assert.Equal("customer", contact["lifecycle_stage"]);
        }
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
}
