namespace ReverseEtlDbt.Bench;

/// <summary>One benchmark, run by name from the command line. Found by reflection.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task<int> RunAsync(string[] args);
}
