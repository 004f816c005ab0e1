using System.Globalization;
using System.Text.Json;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// Meta's usage headers. <c>X-Business-Use-Case-Usage</c> is JSON keyed by business or ad account id, each an array
/// of use cases carrying <c>estimated_time_to_regain_access</c> in minutes (secondary sources; the headers' presence
/// is in the Graph rate-limiting page). The longest wait named is the one that holds.
/// </summary>
internal static class MetaUsageHeaders
{
    public const string BusinessUseCase = "X-Business-Use-Case-Usage";

    /// <summary>The wait Meta announces, or <c>null</c> when the header is absent, unreadable or says 0 minutes.</summary>
    public static TimeSpan? RegainAccessIn(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(BusinessUseCase, out var values)) return null;
        var minutes = 0d;
        foreach (var value in values)
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                if (document.RootElement.ValueKind != JsonValueKind.Object) continue;
                foreach (var account in document.RootElement.EnumerateObject())
                    if (account.Value.ValueKind == JsonValueKind.Array)
                        foreach (var useCase in account.Value.EnumerateArray())
                            if (useCase.ValueKind == JsonValueKind.Object && Minutes(useCase) is { } m) minutes = Math.Max(minutes, m);
            }
            catch (JsonException)
            {
                // A header we cannot read gives no wait; the engine's backoff applies.
            }
        }
        return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
    }

    private static double? Minutes(JsonElement useCase) =>
        useCase.TryGetProperty("estimated_time_to_regain_access", out var value)
            ? value.ValueKind == JsonValueKind.Number ? value.GetDouble()
            : double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null
            : null;
}
