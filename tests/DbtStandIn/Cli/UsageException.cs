namespace DbtStandIn.Cli;

/// <summary>The run cannot start: bad arguments, no project, unreadable YAML. Maps to exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
