using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse.Diff;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// <c>retl state show</c>: per sync, the rows in state, the last run, the rejected rows waiting for a retry, and the
/// mapping its state was written under (config fingerprint, and since when).
/// Read-only: a warehouse without a state ledger shows every sync as never run.
/// </summary>
public sealed class StateShowCommand(Terminal terminal) : RetlCommand<StateShowCommand.Settings>(terminal)
{
    public sealed class Settings : ListingSettings;

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var runtime = await RuntimeProject.PrepareAsync(settings, Environment.GetEnvironmentVariable);
        var selected = runtime.Project.SelectedSyncs.Select(s => s.Id).ToList();
        var filtered = settings.Select.Length > 0 || settings.Exclude.Length > 0 || settings.Selector is not null || settings.Sync.Length > 0;
        var known = runtime.Project.Catalog.Definitions.SelectMany(d => d.Destinations).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        await using var warehouse = await runtime.OpenWarehouse(cancellationToken);
        var ledger = (await new StateLedgerReader(warehouse, settings.StateSchema).ReadAsync(known, cancellationToken)).ToDictionary(l => l.SyncId, StringComparer.Ordinal);
        // Selected syncs first (never run ones included), then, unfiltered, syncs the ledger knows that the manifest no longer declares.
        var lines = selected.Select(id => ledger.GetValueOrDefault(id) ?? new StateLine(id, true, null, null))
            .Concat(filtered ? [] : ledger.Values.Where(l => !l.InManifest).OrderBy(l => l.SyncId, StringComparer.Ordinal))
            .ToList();

        if (settings.Output == "json") Terminal.WriteJsonList(lines.Select(Json));
        else Write(lines);
        return ExitCodes.Success;
    }

    private void Write(IReadOnlyList<StateLine> lines)
    {
        if (lines.Count == 0)
        {
            Terminal.Out.MarkupLine("No syncs selected and no state recorded.");
            return;
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("sync", "rows in state", "last run", "ended at (UTC)", "added", "changed", "removed", "rejected", "failed", "rejected pending",
                "mapping", "mapping since (UTC)");
        foreach (var line in lines)
        {
            var s = line.Summary;
            var c = line.LastRun;
            var id = Markup.Escape(line.SyncId) + (line.InManifest ? "" : " [grey](not in manifest)[/]");
            table.AddRow(id, N(s?.RowsInState ?? 0), s?.LastRunStatus is { } status ? Markup.Escape(status.ToString().ToLowerInvariant()) : "[grey]never[/]",
                Time(s?.LastRunEndedAt), N(c?.Added), N(c?.Changed), N(c?.Removed), N(c?.Rejected), N(c?.Failed), N(s?.RejectedRows ?? 0),
                s?.Mapping is { } m ? m.ConfigFingerprint[..Math.Min(12, m.ConfigFingerprint.Length)] + OlderFormat(m) : "", Time(s?.Mapping?.UpdatedAt));
        }
        Terminal.Out.Write(table);
    }

    /// <summary>" (tagged)" or " (seeded)" for a sync still computing an earlier release's fingerprints (until its mapping changes).</summary>
    private static string OlderFormat(StoredMapping mapping) =>
        mapping.Fingerprints == RowFingerprintFormat.Values ? "" : $" [grey]({FormatName(mapping)})[/]";

    private static string FormatName(StoredMapping mapping) => mapping.Fingerprints.ToString().ToLowerInvariant();

    private static object Json(StateLine line) => new
    {
        sync_id = line.SyncId,
        in_manifest = line.InManifest,
        rows_in_state = line.Summary?.RowsInState ?? 0,
        rejected_pending = line.Summary?.RejectedRows ?? 0,
        mapping = line.Summary?.Mapping is not { } mapping ? null : new
        {
            config_fingerprint = mapping.ConfigFingerprint,
            updated_at = Iso(mapping.UpdatedAt),
            fingerprints = FormatName(mapping),
        },
        last_run = line.Summary?.LastRunStatus is not { } status ? null : new
        {
            status = status.ToString().ToLowerInvariant(),
            started_at = Iso(line.Summary.LastRunStartedAt),
            ended_at = Iso(line.Summary.LastRunEndedAt),
            counts = line.LastRun is not { } c ? null : new
            {
                added = c.Added, changed = c.Changed, removed = c.Removed, rejected = c.Rejected, failed = c.Failed, requests = c.Requests,
            },
        },
    };

    private static string? Iso(DateTime? time) => time?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string N(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
}
