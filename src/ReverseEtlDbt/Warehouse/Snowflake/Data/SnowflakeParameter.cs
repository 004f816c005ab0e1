using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>A positional parameter: only <see cref="Value"/> matters; its Snowflake type follows from the value's .NET type.</summary>
public sealed class SnowflakeParameter : DbParameter
{
    public SnowflakeParameter()
    {
    }

    public SnowflakeParameter(object? value) => Value = value;

    public override DbType DbType { get; set; } = DbType.Object;
    public override ParameterDirection Direction { get; set; } = ParameterDirection.Input;
    public override bool IsNullable { get; set; } = true;
    [AllowNull]
    public override string ParameterName { get; set; } = "";
    [AllowNull]
    public override string SourceColumn { get; set; } = "";
    public override object? Value { get; set; }
    public override bool SourceColumnNullMapping { get; set; }
    public override int Size { get; set; }

    public override void ResetDbType() => DbType = DbType.Object;
}
