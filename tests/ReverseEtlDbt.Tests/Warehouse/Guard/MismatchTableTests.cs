using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Guard;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Guard;

public sealed class MismatchTableTests
{
    [Fact]
    public void Renders_like_dbt_contract_failure()
    {
        var result = ContractGuard.Check(new RelationName("dev", "main", "customer_health"), ContractFixture.Columns,
            ContractFixture.Sync().Columns,
            [new("customer_id", "INTEGER"), new("email_address", "VARCHAR"), new("health_score", "DOUBLE"), new("tier", "VARCHAR")]);

        var text = result.ToMismatchTable("customer_health", "models/marts/schema.yml").Render();

        Assert.Equal("""
            Compilation Error in model customer_health (models/marts/schema.yml)
              This model has an enforced contract that failed.
              Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.

              | column_name  | definition_type | contract_type | mismatch_reason                                   |
              | ------------ | --------------- | ------------- | ------------------------------------------------- |
              | email        |                 | varchar       | missing in definition (renamed to email_address?) |
              | health_score | DOUBLE          | integer       | data type mismatch                                |
            """.Replace("\r\n", "\n", StringComparison.Ordinal), text);
    }

    [Fact]
    public void Warnings_are_included_only_when_asked()
    {
        var result = ContractGuard.Check(new RelationName(null, "main", "t"), ContractFixture.Columns, ["customer_id"],
            [new("customer_id", "INTEGER"), new("email", "VARCHAR"), new("health_score", "INTEGER"), new("tier", "VARCHAR"), new("note", "VARCHAR")]);

        Assert.Empty(result.ToMismatchTable("t", null).Rows);
        Assert.Equal("extra column not in contract", Assert.Single(result.ToMismatchTable("t", null, includeWarnings: true).Rows).MismatchReason);
    }
}
