namespace DbtStandIn.Cli;

/// <summary>
/// The subset of dbt's command line the stand-in understands. Unknown flags are accepted and ignored,
/// as a caller may pass any dbt flag through.
/// </summary>
public sealed record StandInArguments
{
    private static readonly string[] Commands = ["parse", "build", "run", "seed", "test"];
    private static readonly HashSet<string> MultiValueFlags = ["--select", "-s", "--models", "-m", "--model", "--exclude"];
    private static readonly HashSet<string> IgnoredValueFlags =
    [
        "--vars", "--threads", "--state", "--selector", "--log-path", "--log-format", "--log-level",
        "--log-level-file", "--log-format-file", "--resource-type", "--resource-types", "--exclude-resource-type",
        "--indirect-selection", "--defer-state", "--printer-width", "--profile", "--event-time-start", "--event-time-end",
    ];

    public required string Command { get; init; }
    public string ProjectDir { get; init; } = ".";
    public string? ProfilesDir { get; init; }
    public string? Target { get; init; }
    public string? TargetPath { get; init; }
    public IReadOnlyList<string> Select { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public bool FullRefresh { get; init; }

    /// <summary>Fixed invocation id, timestamps and durations, for artifacts committed to git.</summary>
    public bool Deterministic { get; init; }

    /// <summary>The argv as received, for <c>args.invocation_command</c>.</summary>
    public IReadOnlyList<string> Raw { get; init; } = [];

    public static StandInArguments Parse(string[] args)
    {
        string? command = null, projectDir = null, profilesDir = null, target = null, targetPath = null;
        List<string> select = [], exclude = [];
        bool fullRefresh = false, deterministic = false;
        for (var i = 0; i < args.Length; i++)
        {
            var (flag, inline) = SplitInline(args[i]);
            string Value() => inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"Flag {flag} needs a value."));
            switch (flag)
            {
                case "--project-dir": projectDir = Value(); break;
                case "--profiles-dir": profilesDir = Value(); break;
                case "--target" or "-t": target = Value(); break;
                case "--target-path": targetPath = Value(); break;
                case "--full-refresh" or "-f": fullRefresh = true; break;
                case "--deterministic": deterministic = true; break;
                case var f when MultiValueFlags.Contains(f):
                    var into = f == "--exclude" ? exclude : select;
                    if (inline is not null) into.AddRange(SplitSelectors(inline));
                    while (i + 1 < args.Length && !args[i + 1].StartsWith('-')) into.AddRange(SplitSelectors(args[++i]));
                    break;
                case var f when IgnoredValueFlags.Contains(f): Value(); break;
                case var f when f.StartsWith('-'): break;
                default:
                    if (command is null)
                        command = Commands.Contains(flag) ? flag : throw new UsageException($"No such command '{flag}'. The stand-in knows: {string.Join(", ", Commands)}.");
                    break;
            }
        }
        if (command is null) throw new UsageException("No command given. Usage: dbt-standin <parse|build|run|seed|test> [--project-dir DIR] [--select ...]");
        return new StandInArguments
        {
            Command = command,
            ProjectDir = projectDir ?? Environment.GetEnvironmentVariable("DBT_PROJECT_DIR") ?? ".",
            ProfilesDir = profilesDir ?? Environment.GetEnvironmentVariable("DBT_PROFILES_DIR"),
            Target = target ?? Environment.GetEnvironmentVariable("DBT_TARGET"),
            TargetPath = targetPath ?? Environment.GetEnvironmentVariable("DBT_TARGET_PATH"),
            Select = select, Exclude = exclude, FullRefresh = fullRefresh, Deterministic = deterministic, Raw = args,
        };
    }

    /// <summary>Where artifacts go: <c>--target-path</c> (relative to the project dir) or <c>target/</c>.</summary>
    public string ResolveTargetPath(string projectDir) => Path.GetFullPath(Path.Combine(projectDir, TargetPath ?? "target"));

    private static (string Flag, string? Inline) SplitInline(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal)) return (arg, null);
        var eq = arg.IndexOf('=');
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }

    private static string[] SplitSelectors(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
