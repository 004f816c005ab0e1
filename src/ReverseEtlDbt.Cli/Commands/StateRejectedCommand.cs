using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.State;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// <c>retl state rejected</c>: the rows a destination refused that wait for the next run, with the destination's
/// reason, the masked sample written with them and how many runs refused them. Read-only.
/// </summary>
public sealed class StateRejectedCommand(Terminal terminal) : RetlCommand<StateRejectedCommand.Settings>(terminal)
{
    public sealed class Settings : ListingSettings
    {
        [CommandOption("--limit <N>")]
        [Description("Rows shown per sync, most recently refused first (default 20).")]
        public int Limit { get; init; } = 20;

        public override ValidationResult Validate() =>
            Limit < 1 ? ValidationResult.Error($"--limit must be at least 1, got {Limit}") : base.Validate();
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var runtime = await RuntimeProject.PrepareAsync(settings, Environment.GetEnvironmentVariable);
        var selected = runtime.Project.SelectedSyncs.ToList();
        await using var warehouse = await runtime.OpenWarehouse(cancellationToken);
        var state = await StateLedgerView.OpenAsync(warehouse, settings.StateSchema, cancellationToken);
        var rows = await state.ReadRejectedAsync(selected.Select(s => s.Id).ToList(), settings.Limit, cancellationToken);
        // A primary key that is a PII column (an email as key) is masked like every other PII value retl prints.
        var maskers = selected.Where(s => runtime.Project.Manifest.Nodes.ContainsKey(s.ModelUniqueId))
            .ToDictionary(s => s.Id, s => (Masker: new PiiMasker(runtime.Project.Manifest.Nodes[s.ModelUniqueId]), s.PrimaryKey), StringComparer.Ordinal);
        rows = rows.Select(r => maskers.TryGetValue(r.SyncId, out var m) ? r with { PrimaryKey = Convert.ToString(m.Masker.MaskIfPii(m.PrimaryKey, r.PrimaryKey), CultureInfo.InvariantCulture) ?? "" } : r).ToList();

        if (settings.Output == "json") Terminal.WriteJsonList(rows.Select(Json));
        else Write(rows);
        return ExitCodes.Success;
    }

    private void Write(IReadOnlyList<PendingRejectedRow> rows)
    {
        if (rows.Count == 0)
        {
            Terminal.Out.MarkupLine("No rejected rows wait for a retry in the selected syncs.");
            return;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("sync", "primary key", "attempts", "last refused (UTC)", "reason");
        foreach (var row in rows)
            table.AddRow(Markup.Escape(row.SyncId), Markup.Escape(row.PrimaryKey), row.Attempts.ToString(CultureInfo.InvariantCulture),
                row.LastSeen.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(row.Reason));
        Terminal.Out.Write(table);
    }

    private static object Json(PendingRejectedRow row) => new
    {
        sync_id = row.SyncId,
        primary_key = row.PrimaryKey,
        reason = row.Reason,
        sample = row.Sample is null ? (JsonElement?)null : Parse(row.Sample),
        attempts = row.Attempts,
        first_seen = row.FirstSeen.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        last_seen = row.LastSeen.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    private static JsonElement? Parse(string sample)
    {
        try
        {
            using var document = JsonDocument.Parse(sample);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(sample);
        }
    }
}
