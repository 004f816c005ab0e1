namespace ReverseEtlDbt.Destinations;

/// <summary>The destination types this build knows, discovered from the <see cref="IDestinationFactory"/> implementations.</summary>
public sealed class DestinationRegistry
{
    private readonly Dictionary<string, IDestinationFactory> factories;

    public DestinationRegistry(IEnumerable<IDestinationFactory> factories) =>
        this.factories = factories.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);

    public static DestinationRegistry Default { get; } = new(
        typeof(DestinationRegistry).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDestinationFactory).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IDestinationFactory)Activator.CreateInstance(t)!));

    public IEnumerable<string> Types => factories.Keys.Order(StringComparer.Ordinal);

    public IDestinationFactory? Find(string type) => factories.GetValueOrDefault(type);
}
