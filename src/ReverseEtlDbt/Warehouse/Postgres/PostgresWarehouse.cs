using System.Data.Common;
using Npgsql;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse.Postgres;

/// <summary>A PostgreSQL (or PostgreSQL-protocol) warehouse reached through Npgsql.</summary>
public sealed class PostgresWarehouse : IWarehouse
{
    // information_schema splits precision and length out of data_type; put them back so the guard can compare them.
    private const string FullType = """
        case
          when data_type = 'numeric' and numeric_precision is not null
            then 'numeric(' || numeric_precision || ',' || coalesce(numeric_scale, 0) || ')'
          when data_type in ('character varying', 'character') and character_maximum_length is not null
            then data_type || '(' || character_maximum_length || ')'
          when data_type in ('USER-DEFINED', 'ARRAY') then udt_name
          else data_type
        end
        """;

    private readonly NpgsqlConnection connection;

    private readonly IAsyncDisposable? owner;

    private PostgresWarehouse(NpgsqlConnection connection, string adapterType, ISqlDialect dialect, IAsyncDisposable? owner)
    {
        this.connection = connection;
        this.owner = owner;
        AdapterType = adapterType;
        Dialect = dialect;
    }

    /// <summary><c>postgres</c>, or <c>redshift</c> when opened for Redshift (same protocol, <see cref="Redshift.RedshiftDialect"/>).</summary>
    public string AdapterType { get; }
    public ISqlDialect Dialect { get; }
    public DbConnection Connection => connection;

    public static Task<PostgresWarehouse> OpenAsync(PostgresProfileTarget target, CancellationToken cancellationToken) =>
        OpenAsync(PostgresConnectionString.Build(target), cancellationToken);

    /// <summary>Opens from an Npgsql connection string (tests, and <c>dsn</c>-style configuration).</summary>
    public static Task<PostgresWarehouse> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenAsync(new NpgsqlConnection(connectionString), "postgres", PostgresDialect.Instance, null, cancellationToken);

    /// <summary>Opens <paramref name="connection"/> as a warehouse of <paramref name="adapterType"/>; <paramref name="owner"/> (its data source) is disposed with it.</summary>
    internal static async Task<PostgresWarehouse> OpenAsync(
        NpgsqlConnection connection, string adapterType, ISqlDialect dialect, IAsyncDisposable? owner, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new PostgresWarehouse(connection, adapterType, dialect, owner);
        }
        catch
        {
            await connection.DisposeAsync();
            if (owner is not null) await owner.DisposeAsync();
            throw;
        }
    }

    /// <remarks>information_schema only shows the connected database, so <see cref="RelationName.Database"/> is not filtered on.</remarks>
    public Task<IReadOnlyList<WarehouseColumn>> GetColumnsAsync(RelationName relation, CancellationToken cancellationToken) =>
        InformationSchemaColumns.ReadAsync(connection, relation, "@", FullType, catalogFilter: null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        if (owner is not null) await owner.DisposeAsync();
    }
}
