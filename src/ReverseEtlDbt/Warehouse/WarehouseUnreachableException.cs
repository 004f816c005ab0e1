using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse;

/// <summary>
/// The warehouse a profile target points at could not be opened (a server refusing the connection, a wrong password,
/// a DuckDB file locked by another process): the message names the profile, the target and where it points (never
/// the password), so whoever reads a failed run knows which of their profiles to look at.
/// </summary>
public sealed class WarehouseUnreachableException(string message, string hint, Exception inner) : Exception(message, inner)
{
    public string Hint { get; } = hint;

    /// <summary>The failure to open <paramref name="profile"/>'s warehouse, named by profile, target and where it points.</summary>
    internal static WarehouseUnreachableException For(WarehouseProfile profile, Exception e) => new(
        $"Could not open the warehouse of profile '{profile.ProfileName}', target '{profile.TargetName}' ({Where(profile.Target)}): {e.Message}",
        $"Check that target '{profile.TargetName}' in {profile.ProfilesFile} points at a running warehouse retl may use"
        + (profile.Target is DuckDbProfileTarget ? " (a DuckDB file can be open in only one process that writes to it)." : " (host, port, user, password)."),
        e);

    private static string Where(ProfileTarget target) => target switch
    {
        PostgresProtocolTarget pg => $"{pg.Type} at {pg.Host}:{pg.Port}, database '{pg.DbName}', user '{pg.User}'",
        DuckDbProfileTarget duckDb => $"duckdb file {duckDb.Path}",
        _ => target.Type,
    };
}
