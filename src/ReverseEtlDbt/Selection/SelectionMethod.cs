namespace ReverseEtlDbt.Selection;

/// <summary>The <c>method:</c> of a selection term (<c>tag:nightly</c>); <see cref="Fqn"/> for a bare name.</summary>
public enum SelectionMethod
{
    Fqn,
    Tag,
    Path,
    File,
    Config,
    ResourceType,
    Package,
    Access,
    Group,
    Version,
    TestName,
    TestType,
    Source,
    Exposure,
    Metric,
    SemanticModel,
    SavedQuery,
    UnitTest,
}
