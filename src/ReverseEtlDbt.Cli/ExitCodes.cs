using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Cli;

/// <summary>retl's exit codes (DESIGN §4) for what happens before any sync is decided (usage errors); sync outcomes map through <see cref="OutcomeTable"/>.</summary>
public static class ExitCodes
{
    public const int Success = (int)ExitClass.Success;
    public const int Partial = (int)ExitClass.Partial;
    public const int ConfigError = (int)ExitClass.ConfigError;
    public const int DbtFailed = (int)ExitClass.DbtFailed;
}
