namespace ReverseEtlDbt.Dbt;

/// <summary>The dbt executable could not be started: not on PATH, not executable, or the path does not exist.</summary>
public sealed class DbtNotFoundException(string executable, Exception inner)
    : Exception($"Could not start dbt: '{executable}' was not found or is not executable ({inner.Message}).", inner)
{
    public string Executable { get; } = executable;
}
