using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// Which per-request timeout a connection gets: <c>timeout_seconds</c> when set, else its destination type's own default
/// (long enough for an asynchronous job the request waits for), else the engine's.
/// </summary>
public sealed class ConnectionTimeoutTests
{
    [Theory]
    [InlineData("salesforce", null, null, null)]                       // Collections only: the engine's 60 s
    [InlineData("salesforce", "bulk_threshold", null, 600.0)]           // a Bulk job may take minutes
    [InlineData("salesforce", "bulk_threshold", 900, 900.0)]            // the connection's own value wins
    [InlineData("zendesk", null, null, 65.0)]                          // default job wait (50 s) + 15 s
    [InlineData("zendesk", "job_timeout_seconds", null, 135.0)]         // 120 s job wait + 15 s
    [InlineData("hubspot", null, null, null)]
    [InlineData("hubspot", null, 30, 30.0)]
    public void Timeout_is_the_connection_s_or_its_destination_type_s_default(string type, string? key, int? timeoutSeconds, double? expected)
    {
        var values = new Dictionary<string, object?> { ["type"] = type };
        if (key == "bulk_threshold") values[key] = "2000"; // values arrive as YAML scalars (text)
        if (key == "job_timeout_seconds") values[key] = "120";
        if (timeoutSeconds is { } seconds) values["timeout_seconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var connection = new ConnectionConfig("c", type, values, _ => null);
        var factory = DestinationRegistry.Default.Find(type)!;

        var settings = ConnectionSettings.Parse(connection, factory).Settings!;

        Assert.Equal(expected, settings.Timeout?.TotalSeconds);
    }
}
