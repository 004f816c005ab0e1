using ReverseEtlDbt.Cli;
using ReverseEtlDbt.Cli.Rendering;

namespace ReverseEtlDbt.Tests.Cli;

/// <summary>Runs <c>retl</c> in-process with captured stdout and stderr (never a terminal: plain text, no control codes).</summary>
public static class RetlInProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await RetlApp.RunAsync(args, new Terminal(stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
