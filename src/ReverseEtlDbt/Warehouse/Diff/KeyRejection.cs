namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>Why a model row was kept out of the diff.</summary>
public enum KeyRejection
{
    NullPrimaryKey,
    DuplicatePrimaryKey,
}
