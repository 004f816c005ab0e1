using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Guard;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Guard;

/// <summary>The guard as a pure function: contract + sync columns + relation columns in, mismatches out.</summary>
public sealed class ContractGuardTests
{
    private static readonly RelationName Relation = new("dev", "main", ContractFixture.Table);

    private static ContractGuardResult Check(params WarehouseColumn[] actual) =>
        ContractGuard.Check(Relation, ContractFixture.Columns, ContractFixture.Sync().Columns, actual);

    private static readonly WarehouseColumn[] Matching =
        [new("customer_id", "INTEGER"), new("email", "VARCHAR"), new("health_score", "INTEGER"), new("tier", "VARCHAR")];

    [Fact]
    public void Matching_relation_passes_with_no_mismatches()
    {
        var result = Check(Matching);

        Assert.True(result.Passed);
        Assert.Empty(result.Mismatches);
    }

    [Fact]
    public void Missing_relation_stops_the_sync()
    {
        var result = Check();

        var mismatch = Assert.Single(result.Mismatches);
        Assert.False(result.Passed);
        Assert.Equal((ContractMismatchKind.RelationMissing, "dev.main.customer_health", "relation does not exist"),
            (mismatch.Kind, mismatch.ColumnName, mismatch.Reason));
    }

    [Fact]
    public void Renamed_column_is_reported_missing_with_a_rename_hint()
    {
        var result = Check(new("customer_id", "INTEGER"), new("email_address", "VARCHAR"), new("health_score", "INTEGER"), new("tier", "VARCHAR"));

        Assert.False(result.Passed);
        var missing = Assert.Single(result.Errors);
        Assert.Equal(("email", "varchar", "missing in definition (renamed to email_address?)"), (missing.ColumnName, missing.ContractType, missing.Reason));
        Assert.Equal("email_address", Assert.Single(result.Warnings).ColumnName);
    }

    [Fact]
    public void Rename_hint_needs_a_column_of_the_same_type()
    {
        var result = Check(new("customer_id", "INTEGER"), new("email_count", "BIGINT"), new("health_score", "INTEGER"), new("tier", "VARCHAR"));

        Assert.Equal("missing in definition", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void Rename_hint_prefers_the_column_at_the_same_position()
    {
        var result = Check(new("customer_id", "INTEGER"), new("mail", "VARCHAR"), new("health_score", "INTEGER"), new("tier", "VARCHAR"), new("zzz", "VARCHAR"));

        Assert.Equal("missing in definition (renamed to mail?)", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void Retyped_column_is_a_data_type_mismatch()
    {
        var result = Check(new("customer_id", "INTEGER"), new("email", "VARCHAR"), new("health_score", "DOUBLE"), new("tier", "VARCHAR"));

        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal(("health_score", "DOUBLE", "integer", "data type mismatch"),
            (mismatch.ColumnName, mismatch.DefinitionType, mismatch.ContractType, mismatch.Reason));
        Assert.False(result.Passed);
    }

    [Fact]
    public void Extra_unused_column_is_a_warning_not_an_error()
    {
        var result = Check([.. Matching, new("internal_note", "VARCHAR")]);

        Assert.True(result.Passed);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((DiagnosticSeverity.Warning, "extra column not in contract"), (warning.Severity, warning.Reason));
    }

    [Fact]
    public void Column_the_sync_reads_but_the_contract_lacks_stops_the_sync()
    {
        var result = ContractGuard.Check(Relation, ContractFixture.Columns, ContractFixture.Sync("internal_note").Columns,
            [.. Matching, new("internal_note", "VARCHAR")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ContractMismatchKind.ReadButNotInContract, "internal_note", "VARCHAR"), (error.Kind, error.ColumnName, error.DefinitionType));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Column_names_compare_case_insensitively()
    {
        var result = Check(new("CUSTOMER_ID", "INTEGER"), new("Email", "VARCHAR"), new("health_score", "INTEGER"), new("TIER", "VARCHAR"));

        Assert.True(result.Passed);
    }
}
