using System.ComponentModel;
using System.Text.Json;
using ReverseEtlDbt.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary><c>retl ls</c>: the syncs declared in the manifest (no warehouse, no network).</summary>
public sealed class LsCommand(Terminal terminal) : RetlCommand<LsCommand.Settings>(terminal)
{
    public sealed class Settings : ListingSettings;

    protected override int Run(Settings settings, CancellationToken cancellationToken)
    {
        var project = LoadedProject.Load(settings, Environment.GetEnvironmentVariable, withConnections: false);
        var syncs = project.SelectedSyncs.ToList();
        if (settings.Output == "json")
        {
            Terminal.WriteJsonList(syncs.Select(s => new
            {
                id = s.Id, model = s.ModelName, unique_id = s.ModelUniqueId, connection = s.Connection, @object = s.Object,
                mode = s.Mode.ToString().ToLowerInvariant(), primary_key = s.PrimaryKey, fields = s.Fields.Count,
            }));
        }
        else if (syncs.Count == 0)
        {
            Terminal.Out.MarkupLine($"No syncs found in {Markup.Escape(LoadedProject.Display(settings, settings.ManifestPath))} " +
                $"({project.Manifest.RootModels.Count()} models). Add a [bold]meta.sync[/] block to a model's YAML (see docs/meta-sync.md).");
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple)
                .AddColumns("id", "model", "connection", "object", "mode", "fields");
            foreach (var s in syncs)
                table.AddRow(Markup.Escape(s.Id), Markup.Escape(s.ModelName), Markup.Escape(s.Connection), Markup.Escape(s.Object),
                    s.Mode.ToString().ToLowerInvariant(), s.Fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Terminal.Out.Write(table);
        }
        foreach (var d in project.Catalog.Diagnostics)
            Terminal.WriteError($"{d.File}: model {d.Model}: {d.Message}", d.Hint);
        return project.Catalog.Diagnostics.Count > 0 ? ExitCodes.ConfigError : ExitCodes.Success;
    }
}
