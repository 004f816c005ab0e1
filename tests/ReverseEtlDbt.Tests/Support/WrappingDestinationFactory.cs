using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Tests.Support;

/// <summary>
/// A destination factory that is <paramref name="inner"/> in every respect but the destinations it creates, which
/// <see cref="Wrap"/> may wrap (to record, hold or time what the engine sends).
/// </summary>
internal abstract class WrappingDestinationFactory(IDestinationFactory inner) : IDestinationFactory
{
    public string Type => inner.Type;
    public DestinationCapabilities Capabilities => inner.Capabilities;
    public IReadOnlySet<string> Keys => inner.Keys;
    public IReadOnlySet<string> SecretKeys => inner.SecretKeys;
    public IReadOnlySet<string> RequiredKeys => inner.RequiredKeys;
    public int BatchSizeFor(ConnectionConfig connection) => inner.BatchSizeFor(connection);

    public IDestination Create(ConnectionConfig connection, DestinationContext context) => Wrap(inner.Create(connection, context));

    protected abstract IDestination Wrap(IDestination destination);
}
