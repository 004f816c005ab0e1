namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>The warehouse connection chosen from dbt's <c>profiles.yml</c>: which file, profile and target.</summary>
public sealed record WarehouseProfile(string ProfilesFile, string ProfileName, string TargetName, ProfileTarget Target);
