using System.Collections;
using System.Data.Common;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>The command's parameters in order: <c>$1</c> is the first, <c>$2</c> the second. Names are kept but not used to bind.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010", Justification = "The ADO.NET base class defines the non-generic enumeration.")]
public sealed class SnowflakeParameterCollection : DbParameterCollection
{
    private readonly List<DbParameter> items = [];

    public override int Count => items.Count;
    public override object SyncRoot => ((ICollection)items).SyncRoot;

    public override int Add(object value)
    {
        items.Add(Cast(value));
        return items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        foreach (var value in values) Add(value);
    }

    public override void Clear() => items.Clear();
    public override bool Contains(object value) => value is DbParameter p && items.Contains(p);
    public override bool Contains(string value) => IndexOf(value) >= 0;
    public override void CopyTo(Array array, int index) => ((ICollection)items).CopyTo(array, index);
    public override IEnumerator GetEnumerator() => items.GetEnumerator();
    public override int IndexOf(object value) => value is DbParameter p ? items.IndexOf(p) : -1;
    public override int IndexOf(string parameterName) => items.FindIndex(p => p.ParameterName == parameterName);
    public override void Insert(int index, object value) => items.Insert(index, Cast(value));
    public override void Remove(object value) => items.Remove(Cast(value));
    public override void RemoveAt(int index) => items.RemoveAt(index);
    public override void RemoveAt(string parameterName) => items.RemoveAt(IndexOf(parameterName));

    protected override DbParameter GetParameter(int index) => items[index];
    protected override DbParameter GetParameter(string parameterName) =>
        IndexOf(parameterName) is >= 0 and var i ? items[i] : throw new ArgumentOutOfRangeException(nameof(parameterName), $"No parameter named '{parameterName}'.");
    protected override void SetParameter(int index, DbParameter value) => items[index] = value;
    protected override void SetParameter(string parameterName, DbParameter value) => items[IndexOf(parameterName)] = value;

    private static DbParameter Cast(object value) =>
        value as DbParameter ?? throw new ArgumentException($"Expected a DbParameter, got {value?.GetType().Name ?? "null"}.", nameof(value));
}
