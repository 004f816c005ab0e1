using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>
/// A PII column (column <c>meta.pii: true</c> or tag <c>pii</c>) reaches a destination only when the sync lists it in
/// <c>allow_pii</c> or hashes it.
/// </summary>
public sealed class PiiRule : ICheckRule
{
    public IEnumerable<Diagnostic> Check(CheckContext context)
    {
        foreach (var sync in context.Syncs)
        {
            var model = context.Model(sync);
            var allowed = sync.AllowPii.Concat(sync.Hash).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var column in sync.Columns.Select(model.Column).OfType<ManifestColumn>().Where(PiiColumns.IsPii))
            {
                if (allowed.Contains(column.Name)) continue;
                yield return SyncDiagnostics.For(sync, "pii_not_allowed",
                    $"PII column '{column.Name}' of model '{sync.ModelName}' would reach {sync.Connection}.{sync.Object} (sync '{sync.Id}') but is neither in allow_pii nor hashed",
                    "allow_pii",
                    $"Add `allow_pii: [{column.Name}]` if this destination may receive it, or `hash: [{column.Name}]` to send its SHA-256.");
            }
        }
    }
}
