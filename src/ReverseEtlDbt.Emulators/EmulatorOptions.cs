namespace ReverseEtlDbt.Emulators;

/// <summary>
/// How to start an <see cref="EmulatorHost"/>: where it listens, its clock, and each API's behaviour. Each emulator's
/// options are created here for every discovered emulator and reached through that emulator's own accessor
/// (<c>options.HubSpot</c>, declared in its folder), so adding an emulator edits nothing here.
/// </summary>
public sealed record EmulatorOptions
{
    private readonly Dictionary<Type, object> apis;

    public EmulatorOptions() =>
        apis = EmulatorCatalog.All.ToDictionary(e => e.Options, e => Activator.CreateInstance(e.Options)!);

    /// <summary>A copy (<c>with</c>) shares each API's options object, as the properties of a record would.</summary>
    private EmulatorOptions(EmulatorOptions original)
    {
        apis = new Dictionary<Type, object>(original.apis);
        Port = original.Port;
        Time = original.Time;
        Seed = original.Seed;
    }

    /// <summary>Port on 127.0.0.1; 0 lets the system pick a free one (read it back from <see cref="EmulatorHost.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>Clock for rate-limit windows, latency, signature tolerance and timestamps; tests may pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Seed for the random fault fractions, so a failing run can be repeated; <c>null</c> is random.</summary>
    public int? Seed { get; init; }

    /// <summary>The options of the emulator configured by <typeparamref name="T"/>.</summary>
    public T Of<T>() where T : class => (T)Of(typeof(T));

    /// <summary>Replaces the options of the emulator configured by <typeparamref name="T"/>.</summary>
    public void Use<T>(T options) where T : class
    {
        if (!apis.ContainsKey(typeof(T))) throw new ArgumentException($"no emulator is configured by {typeof(T).Name}", nameof(options));
        apis[typeof(T)] = options;
    }

    internal object Of(Type options) =>
        apis.TryGetValue(options, out var found) ? found : throw new ArgumentException($"no emulator is configured by {options.Name}", nameof(options));
}
