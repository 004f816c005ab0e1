namespace ReverseEtlDbt.Cli;

/// <summary>retl's exit codes (DESIGN §4). Stable: orchestrators branch on them.</summary>
public static class ExitCodes
{
    /// <summary>Everything selected synced (or checked) cleanly.</summary>
    public const int Success = 0;
    /// <summary>A sync ran with rejected rows or destination failures, or <c>build</c> skipped a model whose tests failed.</summary>
    public const int Partial = 1;
    /// <summary>Contract, config or usage error; nothing was pushed for the syncs concerned.</summary>
    public const int ConfigError = 2;
    /// <summary>dbt itself failed (<c>retl build</c>).</summary>
    public const int DbtFailed = 3;
}
