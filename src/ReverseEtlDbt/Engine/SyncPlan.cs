using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Engine;

/// <summary>One sync ready to run: its definition, its model, its connection, its destination type and the connection's parsed settings.</summary>
public sealed record SyncPlan(DestinationSync Sync, ManifestNode Model, ConnectionConfig Connection, IDestinationFactory Factory, ConnectionSettings Settings)
{
    /// <summary>A plan whose connection settings are parsed here, for callers that decided the sync themselves (tests, benchmarks).</summary>
    /// <exception cref="ConfigException">A connection value cannot be read.</exception>
    public static SyncPlan Create(DestinationSync sync, ManifestNode model, ConnectionConfig connection, IDestinationFactory factory) =>
        ConnectionSettings.Parse(connection, factory) switch
        {
            { Settings: { } settings } => new SyncPlan(sync, model, connection, factory, settings),
            var parsed => throw parsed.Problems[0],
        };
}
