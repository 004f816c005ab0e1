namespace ReverseEtlDbt.Dbt;

/// <summary>
/// The argv of <c>dbt build</c> as <c>retl build</c> runs it: retl's options that dbt shares, by dbt's names, then
/// whatever the user wrote after <c>--</c>, unchanged and last (so it can add to or override what came before).
/// </summary>
public sealed record DbtBuildArguments
{
    public required string ProjectDir { get; init; }
    public string? ProfilesDir { get; init; }
    public string? Target { get; init; }
    /// <summary>Passed only when it differs from dbt's default <c>target</c>, so dbt writes where retl reads.</summary>
    public string? TargetPath { get; init; }
    public IReadOnlyList<string> Select { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public string? Selector { get; init; }
    /// <summary>The arguments after <c>--</c> on retl's command line.</summary>
    public IReadOnlyList<string> PassThrough { get; init; } = [];

    /// <summary>The arguments retl itself adds (everything but <see cref="PassThrough"/>): paths and selectors, no secrets.</summary>
    public IReadOnlyList<string> Derived()
    {
        var args = new List<string> { "build", "--project-dir", ProjectDir };
        if (ProfilesDir is not null) args.AddRange(["--profiles-dir", ProfilesDir]);
        if (Target is not null) args.AddRange(["--target", Target]);
        if (TargetPath is not null && TargetPath != "target") args.AddRange(["--target-path", TargetPath]);
        if (Select.Count > 0) args.AddRange(["--select", .. Select]);
        if (Exclude.Count > 0) args.AddRange(["--exclude", .. Exclude]);
        if (Selector is not null) args.AddRange(["--selector", Selector]);
        return args;
    }

    public IReadOnlyList<string> ToArgv() => [.. Derived(), .. PassThrough];
}
