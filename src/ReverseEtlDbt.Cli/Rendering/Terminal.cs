using ReverseEtlDbt.Checks.Formatters;
using Spectre.Console;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>
/// stdout and stderr as Spectre consoles: colour and live displays only in a terminal (Spectre's own detection,
/// honouring NO_COLOR); redirected output gets plain text without control codes.
/// </summary>
public sealed class Terminal
{
    public Terminal(TextWriter? stdout = null, TextWriter? stderr = null)
    {
        Out = Create(stdout ?? Console.Out, stdout is null && !Console.IsOutputRedirected);
        Error = Create(stderr ?? Console.Error, stderr is null && !Console.IsErrorRedirected);
    }

    public IAnsiConsole Out { get; }
    public IAnsiConsole Error { get; }

    /// <summary>True when stdout is an interactive terminal (progress bars, prompts).</summary>
    public bool Interactive => Out.Profile.Capabilities.Interactive && Out.Profile.Capabilities.Ansi;

    public void WriteLines(IEnumerable<ReportLine> lines, IAnsiConsole? console = null)
    {
        var target = console ?? Out;
        foreach (var line in lines)
        {
            var color = line.Style switch
            {
                LineStyle.Error => "red",
                LineStyle.Warning => "yellow",
                LineStyle.Success => "green",
                LineStyle.Dim => "grey",
                _ => null,
            };
            var text = Markup.Escape(line.Text);
            target.MarkupLine(color is null ? text : $"[{color}]{text}[/]");
        }
    }

    /// <summary>Writes text as is (JSON, XML, annotations), never wrapped or styled.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>A listing's <c>--output json</c>: the items as one indented JSON array on stdout.</summary>
    public void WriteJsonList<T>(IEnumerable<T> items) =>
        WriteRaw(System.Text.Json.JsonSerializer.Serialize(items, IndentedJson) + "\n");

    public void WriteRaw(string text) => Out.Profile.Out.Writer.Write(text);

    public void WriteError(string message, string? hint = null)
    {
        Error.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        if (hint is not null) Error.MarkupLine($"[grey]  Hint: {Markup.Escape(hint)}[/]");
    }

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output is for machines: never wrap lines at an imagined 80 columns.
        if (!terminal) console.Profile.Width = 1000;
        return console;
    }
}
