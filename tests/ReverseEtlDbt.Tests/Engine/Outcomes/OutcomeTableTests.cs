using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine.Outcomes;

/// <summary>Each outcome code gives its sync one status and its command one exit class (DESIGN §4), from one table.</summary>
public sealed class OutcomeTableTests
{
    [Theory]
    [InlineData(OutcomeCode.ArtifactError, "artifact_error", SyncStatus.Error, 2)]
    [InlineData(OutcomeCode.SelectionError, "selection_error", SyncStatus.Error, 2)]
    [InlineData(OutcomeCode.CheckFailed, "check_failed", SyncStatus.Error, 2)]
    [InlineData(OutcomeCode.ConfigError, "config_error", SyncStatus.Error, 2)]
    [InlineData(OutcomeCode.ContractMismatch, "contract_mismatch", SyncStatus.Error, 2)]
    [InlineData(OutcomeCode.WarehouseError, "warehouse_error", SyncStatus.Error, 2)]
    [InlineData(OutcomeCode.SyncLocked, "sync_locked", SyncStatus.Error, 1)]
    [InlineData(OutcomeCode.AuthFailed, "auth_failed", SyncStatus.Error, 1)]
    [InlineData(OutcomeCode.DestinationError, "destination_error", SyncStatus.Error, 1)]
    [InlineData(OutcomeCode.RowsRejected, "rows_rejected", SyncStatus.Partial, 1)]
    [InlineData(OutcomeCode.RowsFailed, "rows_failed", SyncStatus.Partial, 1)]
    [InlineData(OutcomeCode.InvalidPrimaryKey, "invalid_primary_key", SyncStatus.Partial, 1)]
    [InlineData(OutcomeCode.Interrupted, "interrupted", SyncStatus.Partial, 1)]
    [InlineData(OutcomeCode.NotStarted, "interrupted", SyncStatus.Skipped, 1)]
    [InlineData(OutcomeCode.InternalError, "internal_error", SyncStatus.Error, 2)]
    [InlineData(OutcomeCode.NotBuilt, "not_built", SyncStatus.Skipped, 0)]
    [InlineData(OutcomeCode.ModelFailed, "model_failed", SyncStatus.Skipped, 1)]
    [InlineData(OutcomeCode.TestsFailed, "tests_failed", SyncStatus.Skipped, 1)]
    [InlineData(OutcomeCode.DbtFailed, "dbt_failed", SyncStatus.Error, 3)]
    public void Code_gives_its_sync_a_status_and_the_command_an_exit_code(OutcomeCode code, string name, SyncStatus status, int exitCode)
    {
        var outcome = Outcome(code);

        Assert.Equal(name, code.Name());
        Assert.Equal(status, outcome.Status);
        Assert.Equal(exitCode, OutcomeTable.ExitCode([outcome]));
    }

    [Fact]
    public void Every_code_has_a_row_in_the_table()
    {
        var tested = typeof(OutcomeTableTests).GetMethod(nameof(Code_gives_its_sync_a_status_and_the_command_an_exit_code))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (OutcomeCode)a.GetData(null!).Single()[0]);

        Assert.Equal(Enum.GetValues<OutcomeCode>().Order(), tested.Order());
    }

    [Fact]
    public void A_sync_without_errors_succeeded_and_exits_0()
    {
        var outcome = new SyncOutcome { Sync = Sync("a") };

        Assert.Equal(SyncStatus.Success, outcome.Status);
        Assert.Equal(0, OutcomeTable.ExitCode([outcome]));
        Assert.Equal(0, OutcomeTable.ExitCode([]));
    }

    [Fact]
    public void The_most_severe_code_decides_status_and_exit()
    {
        var outcome = Outcome(OutcomeCode.RowsRejected, OutcomeCode.AuthFailed);
        var config = Outcome(OutcomeCode.CheckFailed);

        Assert.Equal(SyncStatus.Error, outcome.Status);
        Assert.Equal(1, OutcomeTable.ExitCode([outcome]));
        Assert.Equal(2, OutcomeTable.ExitCode([outcome, config]));
        Assert.Equal(3, OutcomeTable.ExitCode([outcome, config], OutcomeCode.DbtFailed));
    }

    [Fact]
    public void A_sync_that_sent_requests_before_failing_is_never_reported_as_nothing_pushed()
    {
        var failedAfterPushing = Outcome(OutcomeCode.WarehouseError) with { Counts = new SyncCounts { Requests = 3 } };

        Assert.Equal(SyncStatus.Error, failedAfterPushing.Status);
        Assert.Equal(1, OutcomeTable.ExitCode([failedAfterPushing]));
    }

    private static SyncOutcome Outcome(params OutcomeCode[] codes) =>
        new() { Sync = Sync("a"), Errors = codes.Select(c => new SyncError(c, "because")).ToList() };

    private static DestinationSync Sync(string id) => new()
    {
        Id = id, ModelUniqueId = "model.p.m", ModelName = "m", PrimaryKey = "id", Connection = "c", Object = "o", Mode = SyncMode.Upsert,
    };
}
