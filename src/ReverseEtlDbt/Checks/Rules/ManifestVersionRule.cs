using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>
/// A manifest of a schema version retl was not built against is read as best it can be, never silently: a warning
/// names its version and the versions retl supports (a newer dbt may have moved what the syncs rely on).
/// </summary>
public sealed class ManifestVersionRule : ICheckRule
{
    public const int OldestSupported = 7;
    public const int NewestSupported = 12;

    public IEnumerable<Diagnostic> Check(CheckContext context)
    {
        var metadata = context.Manifest.Metadata;
        if (metadata.SchemaVersionNumber is >= OldestSupported and <= NewestSupported) yield break;
        yield return new Diagnostic
        {
            Code = "unsupported_manifest_version", Severity = DiagnosticSeverity.Warning,
            File = context.Manifest.Path,
            Message = $"{context.Manifest.Path} has dbt schema version {metadata.SchemaVersion} (dbt {metadata.DbtVersion ?? "unknown"}); " +
                      $"retl supports manifest v{OldestSupported} to v{NewestSupported}",
            Hint = "Check the syncs' results closely, and upgrade retl when a release supports this dbt version.",
        };
    }
}
