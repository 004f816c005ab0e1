namespace ReverseEtlDbt.Engine.Outcomes;

/// <summary>
/// The one table of outcome codes: name, status and exit class per <see cref="OutcomeCode"/>, and the rule that turns
/// the outcomes of a run into the command's exit code.
/// </summary>
public static class OutcomeTable
{
    /// <summary>The code's row: its name in <c>sync_results.json</c>, the status of its sync, its exit class.</summary>
    public static (string Name, SyncStatus Status, ExitClass Exit) Row(OutcomeCode code) => code switch
    {
        OutcomeCode.ArtifactError => ("artifact_error", SyncStatus.Error, ExitClass.ConfigError),
        OutcomeCode.SelectionError => ("selection_error", SyncStatus.Error, ExitClass.ConfigError),
        OutcomeCode.CheckFailed => ("check_failed", SyncStatus.Error, ExitClass.ConfigError),
        OutcomeCode.ConfigError => ("config_error", SyncStatus.Error, ExitClass.ConfigError),
        OutcomeCode.ContractMismatch => ("contract_mismatch", SyncStatus.Error, ExitClass.ConfigError),
        OutcomeCode.WarehouseError => ("warehouse_error", SyncStatus.Error, ExitClass.ConfigError),
        OutcomeCode.SyncLocked => ("sync_locked", SyncStatus.Error, ExitClass.Partial),
        OutcomeCode.AuthFailed => ("auth_failed", SyncStatus.Error, ExitClass.Partial),
        OutcomeCode.DestinationError => ("destination_error", SyncStatus.Error, ExitClass.Partial),
        OutcomeCode.RowsRejected => ("rows_rejected", SyncStatus.Partial, ExitClass.Partial),
        OutcomeCode.RowsFailed => ("rows_failed", SyncStatus.Partial, ExitClass.Partial),
        OutcomeCode.InvalidPrimaryKey => ("invalid_primary_key", SyncStatus.Partial, ExitClass.Partial),
        OutcomeCode.Interrupted => ("interrupted", SyncStatus.Partial, ExitClass.Partial),
        OutcomeCode.NotStarted => ("interrupted", SyncStatus.Skipped, ExitClass.Partial),
        OutcomeCode.InternalError => ("internal_error", SyncStatus.Error, ExitClass.ConfigError),
        OutcomeCode.NotBuilt => ("not_built", SyncStatus.Skipped, ExitClass.Success),
        OutcomeCode.ModelFailed => ("model_failed", SyncStatus.Skipped, ExitClass.Partial),
        OutcomeCode.TestsFailed => ("tests_failed", SyncStatus.Skipped, ExitClass.Partial),
        OutcomeCode.DbtFailed => ("dbt_failed", SyncStatus.Error, ExitClass.DbtFailed),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "every outcome code needs a row"),
    };

    public static string Name(this OutcomeCode code) => Row(code).Name;

    public static SyncStatus Status(this OutcomeCode code) => Row(code).Status;

    /// <summary>
    /// The status of a sync that ended with <paramref name="codes"/>: the most severe of theirs (error over partial over
    /// skipped), success when there are none.
    /// </summary>
    public static SyncStatus StatusOf(IEnumerable<OutcomeCode> codes) =>
        codes.Select(Status).DefaultIfEmpty(SyncStatus.Success).MaxBy(Severity);

    /// <summary>
    /// The exit class of one outcome: the highest of its codes'. A sync that sent requests before failing never
    /// counts as "nothing was pushed" (2): it is at most a partial run (1).
    /// </summary>
    public static ExitClass ExitClassOf(SyncOutcome outcome)
    {
        var exit = outcome.Errors.Select(e => Row(e.Code).Exit).DefaultIfEmpty(ExitClass.Success).Max();
        return exit == ExitClass.ConfigError && outcome.Counts.Requests > 0 ? ExitClass.Partial : exit;
    }

    /// <summary>The exit code of a command whose run ended in <paramref name="outcomes"/> (and met <paramref name="also"/>).</summary>
    public static int ExitCode(IEnumerable<SyncOutcome> outcomes, params IEnumerable<OutcomeCode> also) =>
        (int)outcomes.Select(ExitClassOf).Concat(also.Select(c => Row(c).Exit)).DefaultIfEmpty(ExitClass.Success).Max();

    private static int Severity(SyncStatus status) => status switch
    {
        SyncStatus.Error => 3,
        SyncStatus.Partial => 2,
        SyncStatus.Skipped => 1,
        _ => 0,
    };
}
