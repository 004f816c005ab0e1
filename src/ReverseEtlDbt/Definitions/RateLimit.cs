namespace ReverseEtlDbt.Definitions;

/// <summary><see cref="Requests"/> requests per <see cref="Per"/>.</summary>
public sealed record RateLimit(int Requests, TimeSpan Per)
{
    public double PerSecond => Requests / Per.TotalSeconds;
    public override string ToString() => $"{Requests} per {Per.TotalSeconds:0.###}s";
}
