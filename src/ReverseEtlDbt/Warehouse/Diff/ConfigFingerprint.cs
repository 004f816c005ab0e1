using System.Security.Cryptography;
using System.Text;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// Hash of what a sync sends besides the row values: primary key, match, field mapping, static values, hashed
/// columns and null policy. Order-insensitive (sorted), so reordering YAML keys does not trigger a resend.
/// </summary>
public static class ConfigFingerprint
{
    public static string Compute(DestinationSync sync)
    {
        var text = new StringBuilder()
            .Append("v1\n")
            .Append("pk=").Append(sync.PrimaryKey).Append('\n')
            .Append("match=").Append(sync.Match is null ? "" : sync.Match.Column + "->" + sync.Match.Field).Append('\n')
            .Append("fields=").AppendJoin(',', sync.Fields.Select(f => f.Column + "->" + f.Field).Order(StringComparer.Ordinal)).Append('\n')
            .Append("static=").AppendJoin(',', sync.Static.Select(kv => kv.Key + "=" + kv.Value.GetRawText()).Order(StringComparer.Ordinal)).Append('\n')
            .Append("hash=").AppendJoin(',', sync.Hash.Order(StringComparer.Ordinal)).Append('\n')
            .Append("nulls=").Append(sync.Nulls.ToString()).Append('\n')
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
