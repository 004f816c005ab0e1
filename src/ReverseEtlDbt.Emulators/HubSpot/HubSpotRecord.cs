namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>A CRM record as the emulator holds it: what a client wrote, with HubSpot's id and timestamps.</summary>
public sealed record HubSpotRecord(
    string Id,
    string ObjectType,
    IReadOnlyDictionary<string, string> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived = false)
{
    public string? this[string property] => Properties.GetValueOrDefault(property);
}
