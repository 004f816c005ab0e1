namespace ReverseEtlDbt.Tests.Example;

/// <summary>What one run of dbt-standin did: its exit code and console output (stdout, then stderr).</summary>
public sealed record StandInRun(int ExitCode, string Output);
