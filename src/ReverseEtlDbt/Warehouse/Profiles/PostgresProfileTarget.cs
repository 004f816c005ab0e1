namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>A <c>type: postgres</c> target, with dbt-postgres's keys and defaults.</summary>
public sealed record PostgresProfileTarget : PostgresProtocolTarget
{
    public override string Type => "postgres";
}
