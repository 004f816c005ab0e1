namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>A <c>type: redshift</c> target with dbt-redshift's keys (<c>method: database</c>, user and password); port 5439 by default.</summary>
public sealed record RedshiftProfileTarget : PostgresProtocolTarget
{
    public RedshiftProfileTarget() => Port = 5439;

    public override string Type => "redshift";
}
