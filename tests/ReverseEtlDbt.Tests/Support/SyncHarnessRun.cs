namespace ReverseEtlDbt.Tests.Support;

/// <summary>What one in-process <c>retl</c> invocation of a <see cref="SyncHarness"/> did.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout then stderr, for assertion messages.</summary>
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
