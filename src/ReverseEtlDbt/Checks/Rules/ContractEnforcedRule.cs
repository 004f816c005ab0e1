using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>A synced model must have <c>contract: {enforced: true}</c>: the contract is the schema guard.</summary>
public sealed class ContractEnforcedRule : ICheckRule
{
    public IEnumerable<Diagnostic> Check(CheckContext context) =>
        context.Definitions
            .Where(d => !context.Model(d).Contract.Enforced)
            .Select(d => SyncDiagnostics.For(d, "contract_not_enforced",
                $"Model '{d.ModelName}' is synced but its contract is not enforced",
                "config.contract.enforced",
                "Add `config: {contract: {enforced: true}}` to the model and declare every column with its data_type."));
}
