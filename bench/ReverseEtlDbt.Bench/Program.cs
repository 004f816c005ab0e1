using ReverseEtlDbt.Bench;

// Each benchmark prints its figures and ratios to a baseline measured in the same run.
// Usage: dotnet run -c Release --project bench/ReverseEtlDbt.Bench -- <name> [args]
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: bench <name> [args]\n\nbenchmarks:");
    foreach (var b in benchmarks.Values.OrderBy(b => b.Name)) Console.Error.WriteLine($"  {b.Name,-24} {b.Description}");
    return 2;
}
return await benchmark.RunAsync(args[1..]);
