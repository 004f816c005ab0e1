using System.Reflection;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// The emulators this build has, discovered from the <see cref="Emulator{TOptions, TRequest}"/> subclasses (as
/// destination factories are from their interface), each with the options type it is configured by.
/// </summary>
internal static class EmulatorCatalog
{
    /// <summary>Every emulator type with its options type, by type name (the host lists them by <see cref="IEmulator.ListingOrder"/>).</summary>
    public static IReadOnlyList<(Type Emulator, Type Options)> All { get; } =
        typeof(EmulatorCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEmulator).IsAssignableFrom(t))
            .Select(t => (t, OptionsTypeOf(t)))
            .OrderBy(e => e.t.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>A new emulator of <paramref name="emulator"/>'s type, with its own faults, on <paramref name="options"/>' clock.</summary>
    public static IEmulator Create((Type Emulator, Type Options) emulator, EmulatorOptions options) =>
        (IEmulator)Activator.CreateInstance(emulator.Emulator, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null,
            [options.Of(emulator.Options), new EmulatorFaults(options.Seed), options.Time], null)!;

    private static Type OptionsTypeOf(Type emulator)
    {
        for (var type = emulator.BaseType; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Emulator<,>))
                return type.GetGenericArguments()[0];
        throw new InvalidOperationException($"{emulator.Name} implements IEmulator without deriving from Emulator<TOptions, TRequest>");
    }
}
