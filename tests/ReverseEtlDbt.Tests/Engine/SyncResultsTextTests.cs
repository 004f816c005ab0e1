using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Results;
using ReverseEtlDbt.Values;
using ReverseEtlDbt.Warehouse.Metering;
using Snapshooter.Xunit;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// <c>sync_results.json</c> as text, byte for byte: every field of a result (counts, warehouse cost with and without
/// bytes and query ids, errors with and without samples, a mapping change, nulls, characters JSON escapes). The file is
/// read by orchestrators and CI scripts, so its text must not drift when the writer changes.
/// </summary>
public sealed class SyncResultsTextTests
{
    [Fact]
    public void Sync_results_text_is_pinned()
    {
        var metadata = new SyncResultsMetadata("1.2.3", new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero).AddTicks(1234567), "run-1", null);
        var sample = new Dictionary<string, object?>
        {
            ["id"] = 7L, ["email"] = "j***@example.com", ["score"] = ExactNumber.TryParse("12.50"), ["day"] = new DateOnly(2024, 2, 29),
            ["note"] = "a <b> & 'c' \"d\" é", ["missing"] = null,
        };
        SyncOutcome[] outcomes =
        [
            new()
            {
                Sync = Sync("customers__hubspot__contacts", SyncMode.Upsert), ExecutionTime = 1.23456,
                Counts = new SyncCounts { Added = 3, Changed = 2, Removed = 1, Rejected = 1, Failed = 0, Requests = 4, Retries = 1 },
                Warehouse = new WarehouseCost { Statements = 11, Seconds = 0.15249, RowsRead = 8, BytesScanned = 4096, QueryIds = ["q-1", "q-2"] },
                Errors = [new SyncError(OutcomeCode.InvalidPrimaryKey, "1 row has a null primary key", [sample])],
                MappingChange = new MappingChange("old-fp", new DateTime(2026, 1, 1), "new-fp", 42),
            },
            new()
            {
                Sync = Sync("audience__meta__123", SyncMode.Mirror),
                Errors = [new SyncError(OutcomeCode.ContractMismatch, "column 'tier' is missing\n  hint: rename it back")],
            },
        ];

        var text = SyncResults.Serialize(metadata, "sync", 2.0, outcomes, [new SyncError(OutcomeCode.SelectionError, "no sync matches 'x'")]);

        Snapshot.Match(text);
        var pinned = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests/ReverseEtlDbt.Tests/Engine/__snapshots__/SyncResultsTextTests.Sync_results_text_is_pinned.snap"));
        Assert.Equal(pinned.TrimStart('\uFEFF'), text);
    }

    private static DestinationSync Sync(string id, SyncMode mode) => new()
    {
        Id = id, ModelUniqueId = "model.shop." + id.Split("__")[0], ModelName = id.Split("__")[0], PrimaryKey = "id",
        Connection = id.Split("__")[1], Object = id.Split("__")[2], Mode = mode,
    };
}
