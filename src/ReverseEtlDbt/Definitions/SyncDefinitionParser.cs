using System.Text.Json;
using System.Text.RegularExpressions;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Definitions;

/// <summary>
/// Reads a model's <c>config.meta.sync</c> (or older <c>meta.sync</c>; config wins) into a validated
/// <see cref="SyncDefinition"/>. Pure: every problem becomes a <see cref="Diagnostic"/> naming the YAML file,
/// the model and the key path; nothing is thrown for user mistakes.
/// </summary>
public static partial class SyncDefinitionParser
{
    private static readonly string[] SyncKeys = ["primary_key", "destinations"];
    private static readonly string[] DestinationKeys =
        ["id", "connection", "object", "mode", "match", "fields", "static", "hash", "allow_pii", "nulls", "delete"];
    private static readonly string[] MatchKeys = ["column", "field"];

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex SyncIdPattern();

    /// <summary>True when the node carries a sync block in either place.</summary>
    public static bool HasSync(ManifestNode node) => FindSync(node) is not null;

    /// <summary>
    /// Reads the block. A destination entry with a problem is refused alone (its diagnostics carry its sync id); a
    /// problem with the block itself (no <c>primary_key</c>, an unknown key) refuses every sync it declares.
    /// </summary>
    public static ParsedSync Parse(ManifestNode model)
    {
        if (FindSync(model) is not { } found) return ParsedSync.None;
        var reader = new BlockReader(model, YamlFileOf(model));
        var (valid, refused) = reader.ReadSync(found.Element, found.Path);
        if (reader.Diagnostics.Any(d => d.SyncId is null))
            return new ParsedSync(null, [.. refused, .. valid ?? []], reader.Diagnostics);
        return new ParsedSync(valid is { Count: > 0 } && reader.PrimaryKey is { } key
            ? new SyncDefinition(model.UniqueId, model.Name, reader.File, key, valid) : null, refused, reader.Diagnostics);
    }

    /// <summary>The YAML file that documents the model, relative to the project dir (<c>patch_path</c> without its scheme).</summary>
    public static string? YamlFileOf(ManifestNode model)
    {
        if (model.PatchPath is { Length: > 0 } patch)
        {
            var scheme = patch.IndexOf("://", StringComparison.Ordinal);
            return scheme >= 0 ? patch[(scheme + 3)..] : patch;
        }
        return model.OriginalFilePath is { Length: > 0 } sql ? sql : null;
    }

    private static (JsonElement Element, string Path)? FindSync(ManifestNode node)
    {
        if (node.ConfigMeta is { ValueKind: JsonValueKind.Object } cm && cm.TryGetProperty("sync", out var fromConfig)
            && fromConfig.ValueKind != JsonValueKind.Null)
            return (fromConfig, "config.meta.sync");
        if (node.Meta is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("sync", out var fromMeta)
            && fromMeta.ValueKind != JsonValueKind.Null)
            return (fromMeta, "meta.sync");
        return null;
    }

    private sealed class BlockReader(ManifestNode model, string? file)
    {
        public List<Diagnostic> Diagnostics { get; } = [];
        public string? File => file;
        public string? PrimaryKey { get; private set; }

        /// <summary>The entries that read cleanly, and those that did not (null valid list: the block is unreadable).</summary>
        public (List<DestinationSync>? Valid, List<DestinationSync> Refused) ReadSync(JsonElement sync, string path)
        {
            if (!ExpectObject(sync, path, SyncKeys)) return (null, [Unreadable(null, 0)]);
            PrimaryKey = RequiredString(sync, path, "primary_key",
                "Name the model column that identifies a row, e.g. `primary_key: customer_id`.");
            if (!sync.TryGetProperty("destinations", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                Error("missing_key", $"'{path}.destinations' must be a non-empty list of destinations", path + ".destinations",
                    "Add at least one entry with `connection`, `object` and `mode`.");
                return (null, [Unreadable(null, 0)]);
            }
            var (valid, refused) = (new List<DestinationSync>(), new List<DestinationSync>());
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var before = Diagnostics.Count;
                var read = ReadDestination(entry, $"{path}.destinations[{index}]", index, PrimaryKey ?? "") ?? Unreadable(entry, index);
                for (var i = before; i < Diagnostics.Count; i++) Diagnostics[i] = Diagnostics[i] with { SyncId = read.Id };
                (Diagnostics.Count > before ? refused : valid).Add(read);
                index++;
            }
            return (valid, refused);
        }

        /// <summary>A declared sync whose entry cannot be read: named after what can be read of it, so it still gets its result.</summary>
        private DestinationSync Unreadable(JsonElement? entry, int index)
        {
            string? Text(string key) => entry is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(key, out var v)
                && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var (connection, obj) = (Text("connection") ?? "", Text("object") ?? "");
            return new DestinationSync
            {
                Id = entry is null ? model.Name : Text("id") is { Length: > 0 } id ? id : connection.Length > 0 && obj.Length > 0
                    ? $"{model.Name}__{connection}__{obj}".Replace('.', '_') : $"{model.Name}__destination_{index}",
                ModelUniqueId = model.UniqueId, ModelName = model.Name, PrimaryKey = PrimaryKey ?? "",
                Connection = connection, Object = obj, Mode = SyncMode.Upsert, Index = index, YamlFile = file,
            };
        }

        private DestinationSync? ReadDestination(JsonElement entry, string path, int index, string primaryKey)
        {
            if (!ExpectObject(entry, path, DestinationKeys)) return null;
            var connection = RequiredString(entry, path, "connection", "Name a connection from retl_connections.yml.");
            var obj = RequiredString(entry, path, "object", "Name the destination object, e.g. `contacts`.");
            var mode = ReadEnum(entry, path, "mode", SyncMode.Upsert);
            var nulls = ReadEnum(entry, path, "nulls", NullPolicy.Clear);
            var delete = ReadEnum(entry, path, "delete", DeletePolicy.Delete);
            var id = OptionalString(entry, path, "id");
            if (id is not null && !SyncIdPattern().IsMatch(id))
                Error("invalid_value", $"'{path}.id' must contain only letters, digits and underscores, got '{id}'", path + ".id");
            var match = ReadMatch(entry, path);
            var fields = ReadMap(entry, path, "fields").Select(kv => new FieldMapping(kv.Key, StringValue(kv.Value, $"{path}.fields.{kv.Key}") ?? kv.Key)).ToList();
            var statics = ReadMap(entry, path, "static").Where(kv => IsScalar(kv.Value, $"{path}.static.{kv.Key}"))
                .ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
            var hash = ReadList(entry, path, "hash");
            var allowPii = ReadList(entry, path, "allow_pii");
            if (connection is null || obj is null) return null;
            return new DestinationSync
            {
                Id = id ?? $"{model.Name}__{connection}__{obj}".Replace('.', '_'),
                ModelUniqueId = model.UniqueId, ModelName = model.Name, PrimaryKey = primaryKey,
                Connection = connection, Object = obj, Mode = mode, Match = match, Fields = fields, Static = statics,
                Hash = hash, AllowPii = allowPii, Nulls = nulls, Delete = delete, Index = index, YamlFile = file,
            };
        }

        private MatchSpec? ReadMatch(JsonElement entry, string path)
        {
            if (!entry.TryGetProperty("match", out var match) || match.ValueKind == JsonValueKind.Null) return null;
            var matchPath = path + ".match";
            if (match.ValueKind == JsonValueKind.String)
                return new MatchSpec(match.GetString()!, match.GetString()!);
            if (!ExpectObject(match, matchPath, MatchKeys)) return null;
            var column = RequiredString(match, matchPath, "column", "The model column whose value finds the record.");
            var field = OptionalString(match, matchPath, "field") ?? column;
            return column is null || field is null ? null : new MatchSpec(column, field);
        }

        private TEnum ReadEnum<TEnum>(JsonElement parent, string path, string key, TEnum fallback) where TEnum : struct, Enum
        {
            var text = OptionalString(parent, path, key);
            if (text is null) return fallback;
            if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
            var valid = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToList();
            Error("invalid_value", $"'{path}.{key}' is '{text}', which is not one of: {string.Join(" | ", valid)}",
                $"{path}.{key}", DidYouMean.Hint(text, valid, "values"));
            return fallback;
        }

        private IEnumerable<KeyValuePair<string, JsonElement>> ReadMap(JsonElement parent, string path, string key)
        {
            if (!parent.TryGetProperty(key, out var map) || map.ValueKind == JsonValueKind.Null) return [];
            if (map.ValueKind == JsonValueKind.Object) return map.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)).ToList();
            Error("invalid_type", $"'{path}.{key}' must be a mapping ({(key == "fields" ? "model column: destination field" : "field: value")})",
                $"{path}.{key}");
            return [];
        }

        private List<string> ReadList(JsonElement parent, string path, string key)
        {
            if (!parent.TryGetProperty(key, out var list) || list.ValueKind == JsonValueKind.Null) return [];
            if (list.ValueKind == JsonValueKind.String) return [list.GetString()!];
            if (list.ValueKind == JsonValueKind.Array)
                return list.EnumerateArray().Select((e, i) => StringValue(e, $"{path}.{key}[{i}]")).OfType<string>().ToList();
            Error("invalid_type", $"'{path}.{key}' must be a list of column names", $"{path}.{key}");
            return [];
        }

        private bool ExpectObject(JsonElement element, string path, IReadOnlyCollection<string> known)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error("invalid_type", $"'{path}' must be a mapping, got {Describe(element)}", path);
                return false;
            }
            foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
                Error("unknown_key", $"Unknown key '{property.Name}' in '{path}'", $"{path}.{property.Name}",
                    DidYouMean.Hint(property.Name, known));
            return true;
        }

        private string? RequiredString(JsonElement parent, string path, string key, string hint)
        {
            var value = OptionalString(parent, path, key);
            if (value is null && !parent.TryGetProperty(key, out _))
                Error("missing_key", $"'{path}' is missing required key '{key}'", $"{path}.{key}", hint);
            return value;
        }

        private string? OptionalString(JsonElement parent, string path, string key) =>
            parent.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? StringValue(value, $"{path}.{key}") : null;

        private string? StringValue(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s) return s;
            Error("invalid_type", $"'{path}' must be a non-empty string, got {Describe(value)}", path);
            return null;
        }

        private bool IsScalar(JsonElement value, string path)
        {
            if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) return true;
            Error("invalid_type", $"'{path}' must be a single value (string, number, boolean or null), got {Describe(value)}", path);
            return false;
        }

        private void Error(string code, string message, string keyPath, string? hint = null) =>
            Diagnostics.Add(new Diagnostic
            {
                Code = code, Message = message, File = file, Model = model.Name, KeyPath = keyPath, Hint = hint,
            });

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "a mapping",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => $"'{e.GetString()}'",
            JsonValueKind.Null => "nothing",
            _ => e.GetRawText(),
        };
    }
}
