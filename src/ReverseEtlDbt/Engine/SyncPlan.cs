using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Engine;

/// <summary>One sync ready to run: its definition, its model, and its connection.</summary>
public sealed record SyncPlan(DestinationSync Sync, ManifestNode Model, ConnectionConfig Connection, IDestinationFactory Factory);
