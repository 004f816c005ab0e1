using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// What every emulator has: how it should behave (<see cref="Options"/>, <see cref="Faults"/>), its clock, and the log
/// of what it was asked. A subclass adds its API's state and routes; <see cref="EmulatorCatalog"/> creates it with the
/// <typeparamref name="TOptions"/> found in <see cref="EmulatorOptions"/>.
/// </summary>
public abstract class Emulator<TOptions, TRequest>(TOptions options, EmulatorFaults faults, TimeProvider time) : IEmulator
    where TOptions : class, new()
    where TRequest : IEmulatorRequest
{
    private readonly Lock logGate = new();
    private readonly List<TRequest> log = [];

    public TOptions Options { get; } = options;
    public EmulatorFaults Faults { get; } = faults;

    internal TimeProvider Time { get; } = time;

    public abstract int ListingOrder { get; }

    public abstract void Map(IEndpointRouteBuilder routes);

    public abstract string Describe(Uri baseUrl);

    /// <summary>Every request received so far, in the order they were answered.</summary>
    public IReadOnlyList<TRequest> Requests
    {
        get { lock (logGate) return log.ToList(); }
    }

    /// <summary>Requests answered so far, or only those answered with <paramref name="status"/>.</summary>
    public int CountRequests(int? status = null)
    {
        lock (logGate) return status is null ? log.Count : log.Count(r => r.Status == status);
    }

    internal void Record(TRequest request)
    {
        lock (logGate) log.Add(request);
    }
}
