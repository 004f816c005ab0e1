using DuckDB.NET.Data;
using ReverseEtlDbt.Emulators.Snowflake.Sql;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// The account's data: one in-memory DuckDB instance where every Snowflake database is an attached in-memory
/// catalog of the same name (with a PUBLIC schema), so <c>ANALYTICS.PUBLIC.CUSTOMERS</c> resolves as written. Each
/// request gets its own connection (<see cref="OpenConnection"/>), which is what makes temporary tables and
/// transactions per request, as Snowflake's SQL API sessions are.
/// </summary>
internal sealed class SnowflakeDatabase : IDisposable
{
    private readonly Lock gate = new();
    private readonly DuckDBConnection root;
    private readonly HashSet<string> databases = new(StringComparer.Ordinal);

    public SnowflakeDatabase(IEnumerable<string> initialDatabases)
    {
        root = new DuckDBConnection("Data Source=:memory:");
        root.Open();
        Execute(root, SnowflakeInformationSchema.CreateColumnsMacro);
        foreach (var database in initialDatabases) CreateDatabase(database);
    }

    /// <summary>A new connection to the shared data: the session of one request.</summary>
    public DuckDBConnection OpenConnection()
    {
        lock (gate)
        {
            var connection = root.Duplicate();
            if (connection.State != System.Data.ConnectionState.Open) connection.Open();
            return connection;
        }
    }

    public bool Exists(string database)
    {
        lock (gate) return databases.Contains(database);
    }

    /// <summary>Attaches an empty in-memory catalog named <paramref name="name"/> with a PUBLIC schema; an existing one is kept.</summary>
    public void CreateDatabase(string name)
    {
        lock (gate)
        {
            if (!databases.Add(name)) return;
            var quoted = SqlToken.Quoted(name).Text;
            Execute(root, $"ATTACH ':memory:' AS {quoted}");
            Execute(root, $"CREATE SCHEMA IF NOT EXISTS {quoted}.\"PUBLIC\"");
        }
    }

    /// <summary>Runs DuckDB SQL (not Snowflake's, nothing translated) on the shared data: to load files.</summary>
    public void ExecuteDuckDb(string sql)
    {
        lock (gate) Execute(root, sql);
    }

    /// <summary>Rows of a DuckDB query (not translated) on the shared data, values by position.</summary>
    public List<object?[]> QueryDuckDb(string sql)
    {
        lock (gate)
        {
            using var command = root.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return rows;
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => root.Dispose();
}
