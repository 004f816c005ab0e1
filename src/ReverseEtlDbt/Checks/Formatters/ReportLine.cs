namespace ReverseEtlDbt.Checks.Formatters;

/// <summary>A line of human-readable output and how it should look; the CLI decides whether a terminal gets colour.</summary>
public sealed record ReportLine(string Text, LineStyle Style = LineStyle.Plain);

public enum LineStyle
{
    Plain,
    Dim,
    Error,
    Warning,
    Success,
}
