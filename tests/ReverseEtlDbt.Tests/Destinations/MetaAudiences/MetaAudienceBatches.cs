using System.Globalization;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.MetaAudiences;
using ReverseEtlDbt.Emulators;

namespace ReverseEtlDbt.Tests.Destinations.MetaAudiences;

/// <summary>Customers matched by email and phone into one audience, and a Meta destination pointed at an emulator.</summary>
internal static class MetaAudienceBatches
{
    public const string Token = "EAAB-meta-test-token-0123456789";
    public const string Audience = "23850000000000001";

    public static EmulatorOptions Options() => new() { MetaAudiences = { ValidToken = Token } };

    public static IDestination Destination(EmulatorHost host, string token = Token) =>
        DestinationBatches.Create(new MetaAudiencesDestinationFactory(), DestinationBatches.Connection("meta", "meta_audiences",
            new Dictionary<string, object?> { ["access_token"] = token, ["base_url"] = host.BaseUrl.ToString() }));

    public static DestinationSync Customers(SyncMode mode = SyncMode.Upsert, string audience = Audience) =>
        DestinationBatches.Customers("customers__meta__" + audience, "meta", audience, mode, new MatchSpec("email", "EMAIL")) with
        {
            Fields = [new FieldMapping("phone", "PHONE"), new FieldMapping("first_name", "FN")],
            Hash = ["email", "phone"],
        };

    public static string Email(int n) => $"  Customer.{n}@Example.COM ";

    /// <summary>A row as the engine maps it for a destination that hashes itself: raw values.</summary>
    public static RecordChange Row(int n, string? email = null, string? phone = null, string? destinationId = null)
        => DestinationBatches.Row(n, email ?? Email(n),
            new Dictionary<string, object?>
            {
                ["EMAIL"] = email ?? Email(n),
                ["PHONE"] = phone ?? $"+1 (555) 010-{n:0000}",
                ["FN"] = $"Mary-Ann {n}",
            },
            destinationId);

    /// <summary>A row that left the model: no values, only the member id state kept.</summary>
    public static RecordChange Removed(int n, string? memberId) =>
        new(n.ToString(CultureInfo.InvariantCulture), null, new Dictionary<string, object?>(), memberId, $"idem-removed-{n}");

    public static DestinationBatch Batch(WriteOperation operation, IEnumerable<RecordChange> rows, SyncMode mode = SyncMode.Upsert, string audience = Audience) =>
        DestinationBatches.Batch(Customers(mode, audience), operation, rows);
}
