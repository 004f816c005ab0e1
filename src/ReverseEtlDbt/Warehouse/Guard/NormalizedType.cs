namespace ReverseEtlDbt.Warehouse.Guard;

/// <summary>
/// A data type reduced to what dbt compares: a family (<c>integer</c>, <c>text</c>, <c>numeric</c>, …) and,
/// for <c>numeric</c>, precision and scale. Types retl does not know keep their whole lower-cased spelling as family.
/// </summary>
public sealed record NormalizedType(string Family, int? Precision = null, int? Scale = null)
{
    /// <summary>
    /// Same family; for numerics also the same precision and scale, unless one side omits them
    /// (an unconstrained <c>numeric</c> accepts any <c>numeric(p,s)</c>, as dbt's contract check does).
    /// </summary>
    public bool Matches(NormalizedType other) =>
        Family == other.Family
        && (Precision is null || other.Precision is null || (Precision == other.Precision && (Scale ?? 0) == (other.Scale ?? 0)));

    public override string ToString() =>
        Precision is null ? Family : Scale is null ? $"{Family}({Precision})" : $"{Family}({Precision},{Scale})";
}
