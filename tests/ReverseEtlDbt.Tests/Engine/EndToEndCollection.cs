using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// End-to-end sync tests (example project + emulators + retl) run one at a time: each builds a project and
/// starts a server, and the timing-sensitive ones (retries, kills) should not share two cores with each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "Sync end to end";
}
