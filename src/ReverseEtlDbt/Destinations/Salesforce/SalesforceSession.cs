using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>An access token and the org it is good for. Replaced, never mutated, when Salesforce expires it.</summary>
internal sealed record SalesforceSession(Secret AccessToken, Uri InstanceUrl);
