namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>An sObject record as the emulator holds it: the fields a client wrote, with Salesforce's 18-character id.</summary>
public sealed record SalesforceRecord(
    string Id,
    string SObject,
    IReadOnlyDictionary<string, string> Fields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Deleted = false)
{
    public string? this[string field] => Fields.GetValueOrDefault(field);
}
