namespace ReverseEtlDbt.Engine.Outcomes;

/// <summary>retl's exit codes (DESIGN §4), ordered by precedence: a command exits with the highest class it met.</summary>
public enum ExitClass
{
    /// <summary>Everything selected synced (or checked) cleanly.</summary>
    Success = 0,
    /// <summary>A sync ran with rejected rows or destination failures, or <c>build</c> skipped a model dbt failed.</summary>
    Partial = 1,
    /// <summary>Contract, config or usage error: nothing was pushed for the syncs concerned.</summary>
    ConfigError = 2,
    /// <summary>dbt itself failed (<c>retl build</c>).</summary>
    DbtFailed = 3,
}
