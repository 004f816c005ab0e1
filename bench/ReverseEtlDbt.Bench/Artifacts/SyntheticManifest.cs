using System.Text.Json;

namespace ReverseEtlDbt.Bench.Artifacts;

/// <summary>
/// Writes a large v12 manifest by replicating the nodes of a real one under new unique ids (SQL
/// text included, so bytes per node stay realistic), with parent and child maps rewired to match.
/// </summary>
internal static class SyntheticManifest
{
    /// <returns>How many copies of the template's nodes were written.</returns>
    public static int Write(string templatePath, string outputPath, long targetBytes)
    {
        using var template = JsonDocument.Parse(File.ReadAllBytes(templatePath));
        var root = template.RootElement;
        var nodes = root.GetProperty("nodes");
        var nodeIds = nodes.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        long nodesBytes = nodes.GetRawText().Length, otherBytes = new FileInfo(templatePath).Length - nodesBytes;
        var copies = (int)Math.Max(1, (targetBytes - otherBytes + nodesBytes - 1) / nodesBytes);

        using var stream = File.Create(outputPath);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        foreach (var section in root.EnumerateObject())
        {
            switch (section.Name)
            {
                case "nodes":
                    writer.WriteStartObject("nodes");
                    for (var copy = 0; copy < copies; copy++)
                        foreach (var node in nodes.EnumerateObject())
                        {
                            writer.WritePropertyName(Rename(node.Name, copy));
                            WriteNode(writer, node.Value, copy, nodeIds);
                        }
                    writer.WriteEndObject();
                    break;
                case "parent_map" or "child_map":
                    WriteMap(writer, section, copies, nodeIds);
                    break;
                default:
                    section.WriteTo(writer);
                    break;
            }
            writer.Flush();
        }
        writer.WriteEndObject();
        return copies;
    }

    private static string Rename(string id, int copy) => copy == 0 ? id : $"{id}__r{copy}";

    private static string RenameIfNode(string id, int copy, HashSet<string> nodeIds) => nodeIds.Contains(id) ? Rename(id, copy) : id;

    private static void WriteNode(Utf8JsonWriter writer, JsonElement node, int copy, HashSet<string> nodeIds)
    {
        writer.WriteStartObject();
        foreach (var property in node.EnumerateObject())
        {
            switch (property.Name)
            {
                case "unique_id" or "attached_node" when property.Value.ValueKind == JsonValueKind.String:
                    writer.WriteString(property.Name, RenameIfNode(property.Value.GetString()!, copy, nodeIds));
                    break;
                case "depends_on" when property.Value.TryGetProperty("nodes", out var dependsOn):
                    writer.WriteStartObject("depends_on");
                    writer.WriteStartArray("nodes");
                    foreach (var id in dependsOn.EnumerateArray()) writer.WriteStringValue(RenameIfNode(id.GetString()!, copy, nodeIds));
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    break;
                default:
                    property.WriteTo(writer);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    // The maps are rewritten for every copy that was written, so the synthetic graph stays consistent.
    private static void WriteMap(Utf8JsonWriter writer, JsonProperty map, int copies, HashSet<string> nodeIds)
    {
        writer.WriteStartObject(map.Name);
        foreach (var entry in map.Value.EnumerateObject())
            for (var copy = 0; copy < (nodeIds.Contains(entry.Name) ? copies : 1); copy++)
            {
                writer.WriteStartArray(Rename(entry.Name, copy));
                foreach (var id in entry.Value.EnumerateArray()) writer.WriteStringValue(RenameIfNode(id.GetString()!, copy, nodeIds));
                writer.WriteEndArray();
            }
        writer.WriteEndObject();
    }
}
