using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DbtStandIn.Cli;

namespace DbtStandIn.Project;

/// <summary>Reads dbt_project.yml, profiles.yml, the seeds, SQL and YAML files of a project into a <see cref="DbtProject"/>.</summary>
public static partial class ProjectLoader
{
    [GeneratedRegex("""\{\{\s*ref\(\s*['"](?<name>[^'"]+)['"]\s*\)\s*\}\}""")]
    private static partial Regex RefCall();

    public static DbtProject Load(StandInArguments arguments)
    {
        var projectDir = Path.GetFullPath(arguments.ProjectDir);
        var projectFile = Path.Combine(projectDir, "dbt_project.yml");
        if (!File.Exists(projectFile))
            throw new UsageException($"Runtime Error\n  fatal: Not a dbt project (or any of the parent directories). Missing dbt_project.yml file in {projectDir}");
        var yml = YamlJson.Load(projectFile);
        var name = yml["name"]?.ToString() ?? throw new UsageException("Runtime Error\n  dbt_project.yml has no name.");
        var target = ProfileLoader.Load(arguments, projectDir, yml["profile"]?.ToString() ?? name);

        var seedPaths = Paths(yml, "seed-paths", "seeds");
        var modelPaths = Paths(yml, "model-paths", "models");
        var seeds = Files(projectDir, seedPaths, "*.csv").Select(f => NewNode("seed", name, projectDir, f.Root, f.File)).ToList();
        var models = Files(projectDir, modelPaths, "*.sql").Select(f => NewNode("model", name, projectDir, f.Root, f.File)).ToList();
        foreach (var seed in seeds) NodeConfig.ApplyProjectFolders(seed, yml["seeds"]?[name] as JsonObject);
        foreach (var model in models) NodeConfig.ApplyProjectFolders(model, yml["models"]?[name] as JsonObject);

        var patches = new List<(ProjectNode Node, JsonObject Entry, string File)>();
        foreach (var file in Files(projectDir, modelPaths.Concat(seedPaths), "*.yml").Concat(Files(projectDir, modelPaths.Concat(seedPaths), "*.yaml")))
        {
            var doc = YamlJson.Load(Path.Combine(projectDir, file.File));
            patches.AddRange(Entries(doc, "models", models, file.File).Concat(Entries(doc, "seeds", seeds, file.File)));
        }
        foreach (var (node, entry, file) in patches) Patch(node, entry, $"{name}://{file}");
        foreach (var model in models)
        {
            NodeConfig.ApplySqlConfig(model);
            ResolveRefs(model, seeds.Concat(models).ToList());
        }
        var tests = patches.SelectMany(p => DataTestFactory.Create(name, p.Node, p.Entry, p.File, models.Concat(seeds).ToList())).ToList();
        return new DbtProject(name, projectDir, target, seeds, models, tests);
    }

    private static ProjectNode NewNode(string type, string project, string projectDir, string root, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(projectDir, file));
        var relative = file[(root.Length + 1)..];
        var name = Path.GetFileNameWithoutExtension(relative);
        var folders = Path.GetDirectoryName(relative)!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new ProjectNode
        {
            ResourceType = type, Name = name, UniqueId = $"{type}.{project}.{name}",
            OriginalFilePath = file, Path = relative, Fqn = [project, .. folders, name],
            RawCode = type == "seed" ? "" : File.ReadAllText(Path.Combine(projectDir, file)),
            Checksum = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Materialized = type == "seed" ? "seed" : "view",
        };
    }

    private static void Patch(ProjectNode node, JsonObject entry, string patchPath)
    {
        node.PatchPath = patchPath;
        node.Description = entry["description"]?.ToString() ?? node.Description;
        if (entry["config"] is JsonObject config)
            foreach (var (key, value) in config) NodeConfig.Apply(node, key, value);
        if (entry["meta"] is JsonObject meta) NodeConfig.Apply(node, "meta", meta);
        foreach (var column in (entry["columns"] as JsonArray ?? []).OfType<JsonObject>())
            node.Columns.Add(new ColumnSpec(
                column["name"]?.ToString() ?? "",
                column["description"]?.ToString() ?? "",
                column["meta"]?.DeepClone() as JsonObject ?? [],
                (column["tags"] as JsonArray ?? []).Select(t => t?.ToString() ?? "").ToList(),
                column["data_type"]?.ToString(),
                (column["constraints"] as JsonArray ?? []).OfType<JsonObject>().ToList()));
    }

    private static void ResolveRefs(ProjectNode model, IReadOnlyList<ProjectNode> all)
    {
        foreach (Match match in RefCall().Matches(model.RawCode))
        {
            var refName = match.Groups["name"].Value;
            var parent = all.FirstOrDefault(n => n.Name == refName)
                ?? throw new UsageException($"Compilation Error\n  Model '{model.UniqueId}' ({model.OriginalFilePath}) depends on a node named '{refName}' which was not found");
            if (!model.Refs.Contains(refName)) model.Refs.Add(refName);
            if (!model.DependsOn.Contains(parent.UniqueId)) model.DependsOn.Add(parent.UniqueId);
        }
    }

    private static IEnumerable<(ProjectNode, JsonObject, string)> Entries(JsonObject doc, string key, List<ProjectNode> nodes, string file)
    {
        foreach (var entry in (doc[key] as JsonArray ?? []).OfType<JsonObject>())
        {
            var node = nodes.FirstOrDefault(n => n.Name == entry["name"]?.ToString());
            if (node is not null) yield return (node, entry, file);
        }
    }

    private static List<string> Paths(JsonObject yml, string key, string fallback) =>
        yml[key] is JsonArray list ? list.Select(p => p?.ToString() ?? "").ToList() : [fallback];

    /// <summary>Files under each root, relative to the project dir with forward slashes, in ordinal order.</summary>
    private static IEnumerable<(string Root, string File)> Files(string projectDir, IEnumerable<string> roots, string pattern) =>
        roots.Where(r => Directory.Exists(Path.Combine(projectDir, r)))
            .SelectMany(r => Directory.EnumerateFiles(Path.Combine(projectDir, r), pattern, SearchOption.AllDirectories)
                .Select(f => (Root: r.TrimEnd('/'), File: Path.GetRelativePath(projectDir, f).Replace('\\', '/'))))
            .OrderBy(f => f.File, StringComparer.Ordinal);
}
