using ReverseEtlDbt.Engine;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>One colour per sync status, the same in live progress, summary tables and plans.</summary>
public static class StatusColor
{
    public static string Of(SyncStatus status) => status switch
    {
        SyncStatus.Success => "green",
        SyncStatus.Partial => "yellow",
        SyncStatus.Skipped => "grey",
        _ => "red",
    };
}
