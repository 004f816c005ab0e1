using System.Data.Common;
using DbtStandIn.Project;
using DuckDB.NET.Data;

namespace DbtStandIn.Build;

/// <summary>
/// Creates seeds, views and tables in DuckDB as dbt-duckdb does. A model with an enforced contract is checked
/// against the query's columns first; a contracted table is created with its declared types and constraints, then filled.
/// </summary>
public sealed class DuckDbMaterializer(DuckDBConnection connection, DbtProject project)
{
    /// <summary>Loads a CSV seed into a table; returns the number of rows loaded.</summary>
    public long Seed(ProjectNode seed)
    {
        var relation = project.RelationName(seed);
        var file = Path.Combine(project.ProjectDir, seed.OriginalFilePath).Replace("'", "''", StringComparison.Ordinal);
        var types = seed.ColumnTypes.Count == 0 ? ""
            : ", types = {" + string.Join(", ", seed.ColumnTypes.Select(t => $"'{t.Key}': '{t.Value}'")) + "}";
        DropIfOtherType(seed, "BASE TABLE");
        Execute($"create or replace table {relation} as select * from read_csv('{file}', header = true, auto_detect = true{types})");
        return Convert.ToInt64(Scalar($"select count(*) from {relation}"));
    }

    /// <summary>Creates the model's view or table from its compiled SQL. Throws <see cref="ModelException"/> on a contract mismatch.</summary>
    public void Model(ProjectNode model, string sql)
    {
        if (model.ContractEnforced)
        {
            var mismatch = ContractCheck.Compare(model, Describe(sql));
            if (mismatch is not null) throw new ModelException(mismatch);
        }
        var relation = project.RelationName(model);
        if (model.Materialized == "view")
        {
            DropIfOtherType(model, "VIEW");
            Execute($"create or replace view {relation} as (\n{sql}\n)");
        }
        else if (model.ContractEnforced)
        {
            DropIfOtherType(model, "BASE TABLE");
            var names = string.Join(", ", model.Columns.Select(c => SqlCompiler.Quote(c.Name)));
            Execute("begin transaction");
            try
            {
                Execute($"create or replace table {relation} (\n    {string.Join(",\n    ", model.Columns.Select(ColumnDefinition))}\n)");
                Execute($"insert into {relation} ({names})\n(\n    select {names}\n    from (\n{sql}\n    ) as model_subq\n)");
                Execute("commit");
            }
            catch
            {
                Execute("rollback");
                throw;
            }
        }
        else
        {
            DropIfOtherType(model, "BASE TABLE");
            Execute($"create or replace table {relation} as (\n{sql}\n)");
        }
    }

    /// <summary>Runs a test query and counts the rows it returns (the failures).</summary>
    public long CountRows(string sql) => Convert.ToInt64(Scalar($"select count(*) from (\n{sql}\n) dbt_internal_test"));

    private static string ColumnDefinition(ColumnSpec column)
    {
        var definition = $"{SqlCompiler.Quote(column.Name)} {column.DataType}";
        if (column.HasConstraint("not_null")) definition += " not null";
        if (column.HasConstraint("primary_key")) definition += " primary key";
        return definition;
    }

    private List<(string Name, string Type)> Describe(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"describe select * from (\n{sql}\n) as model_subq";
        using DbDataReader reader = command.ExecuteReader();
        var columns = new List<(string, string)>();
        while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    /// <summary>A view cannot be replaced by a table in place (nor the reverse), so drop the other kind first.</summary>
    private void DropIfOtherType(ProjectNode node, string wanted)
    {
        var existing = Scalar($"select table_type from information_schema.tables where table_catalog = '{project.Target.Database}' " +
                              $"and table_schema = '{project.Target.Schema}' and table_name = '{node.Name}'") as string;
        if (existing is null || existing == wanted) return;
        Execute($"drop {(existing == "VIEW" ? "view" : "table")} {project.RelationName(node)}");
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
