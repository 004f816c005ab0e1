using Microsoft.AspNetCore.Routing;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// One destination API's emulator as the <see cref="EmulatorHost"/> sees it. Each emulator folder holds one
/// implementation (through <see cref="Emulator{TOptions, TRequest}"/>), found by <see cref="EmulatorCatalog"/> the
/// way destination factories are found, so a new destination's emulator edits no shared file.
/// </summary>
public interface IEmulator
{
    /// <summary>Where its line stands in the <c>retl emulators</c> listing, lowest first.</summary>
    int ListingOrder { get; }

    /// <summary>Adds its routes to the host's one server.</summary>
    void Map(IEndpointRouteBuilder routes);

    /// <summary>The listing's line: what it emulates, where it listens and the credentials it accepts.</summary>
    string Describe(Uri baseUrl);
}
