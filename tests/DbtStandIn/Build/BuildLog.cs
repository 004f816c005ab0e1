using System.Globalization;

namespace DbtStandIn.Build;

/// <summary>Prints dbt's console lines: a time prefix, then <c>1 of 12 START sql table model main.x .... [RUN]</c>.</summary>
public sealed class BuildLog(TextWriter output)
{
    private const int Width = 80;

    public void Line(string text)
    {
        var time = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var line in text.Split('\n')) output.WriteLine($"{time}  {line}");
    }

    /// <summary>A progress line, padded with dots to dbt's printer width before the bracketed status.</summary>
    public void Progress(int index, int total, string text, string status)
    {
        var head = $"{index} of {total} {text} ";
        Line(head + new string('.', Math.Max(3, Width - head.Length)) + $" [{status}]");
    }
}
