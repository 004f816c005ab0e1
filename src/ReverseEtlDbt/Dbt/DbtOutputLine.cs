using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Dbt;

/// <summary>Which of dbt's streams a line came from.</summary>
public enum DbtStream
{
    Stdout,
    Stderr,
}

/// <summary>One line dbt printed, as printed (dbt may colour its output even when it is not writing to a terminal).</summary>
public sealed partial record DbtOutputLine(DbtStream Stream, string Text)
{
    /// <summary>The line without terminal control sequences (colours, cursor moves), for logs and files.</summary>
    public string PlainText => ControlSequence().Replace(Text, "");

    // CSI sequences (ESC [ ... final byte), OSC sequences (ESC ] ... BEL or ESC \), other two-byte escapes, stray control characters.
    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(\x07|\x1B\\)|\x1B[@-Z\\-_]|[\x00-\x08\x0B-\x1F\x7F]")]
    private static partial Regex ControlSequence();
}
