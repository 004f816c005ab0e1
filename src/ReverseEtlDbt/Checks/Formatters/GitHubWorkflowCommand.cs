namespace ReverseEtlDbt.Checks.Formatters;

/// <summary>
/// Escaping for GitHub Actions workflow commands (<c>::error file=…,title=…::message</c>), as the runner's toolkit
/// (<c>@actions/core</c> command.ts) does: the message escapes <c>%</c>, CR and LF; properties also <c>:</c> and <c>,</c>.
/// </summary>
public static class GitHubWorkflowCommand
{
    public static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    public static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}
