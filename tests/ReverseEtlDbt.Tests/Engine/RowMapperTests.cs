using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

public class RowMapperTests
{
    private static DestinationSync Sync(NullPolicy nulls = NullPolicy.Clear, string[]? hash = null) => new()
    {
        Id = "people__ads__audience", ModelUniqueId = "model.shop.people", ModelName = "people", PrimaryKey = "id",
        Connection = "ads", Object = "audience", Mode = SyncMode.Upsert, Match = new MatchSpec("email", "email"),
        Fields = [new FieldMapping("score", "churn_risk_score"), new FieldMapping("tier", "account_tier")],
        Static = new Dictionary<string, JsonElement> { ["lifecycle_stage"] = JsonDocument.Parse("\"customer\"").RootElement.Clone() },
        Hash = hash ?? [], Nulls = nulls,
    };

    private static DiffRow Row(ChangeKind kind = ChangeKind.Added, object? tier = null) =>
        new(kind, "7", new Dictionary<string, object?> { ["id"] = 7, ["email"] = "  Ada@Example.COM ", ["score"] = 42, ["tier"] = tier }, "fp1", null);

    [Fact]
    public void Columns_map_to_destination_fields_with_static_fields_and_the_match_value()
    {
        var change = new RowMapper(Sync()).Map(Row(tier: "gold"));

        Assert.Equal("  Ada@Example.COM ", change.MatchValue);
        Assert.Equal(42, change.Fields["churn_risk_score"]);
        Assert.Equal("gold", change.Fields["account_tier"]);
        Assert.Equal("customer", change.Fields["lifecycle_stage"]);
        Assert.Equal("  Ada@Example.COM ", change.Fields["email"]);
    }

    [Fact]
    public void Hashed_columns_are_trimmed_lower_cased_and_sha256_hex()
    {
        var change = new RowMapper(Sync(hash: ["email"])).Map(Row());

        // sha256("ada@example.com"), as `printf ada@example.com | sha256sum` gives it
        Assert.Equal("b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72", change.MatchValue);
        Assert.Equal(change.MatchValue, change.Fields["email"]);
    }

    [Fact]
    public void Null_clears_the_field_by_default_and_is_left_out_with_nulls_skip()
    {
        var cleared = new RowMapper(Sync()).Map(Row(tier: null));
        var skipped = new RowMapper(Sync(NullPolicy.Skip)).Map(Row(tier: null));

        Assert.True(cleared.Fields.ContainsKey("account_tier"));
        Assert.Null(cleared.Fields["account_tier"]);
        Assert.False(skipped.Fields.ContainsKey("account_tier"));
    }

    [Fact]
    public void Idempotency_key_is_stable_for_the_same_row_content_and_changes_with_it()
    {
        var mapper = new RowMapper(Sync());

        var once = mapper.Map(Row()).IdempotencyKey;
        var again = mapper.Map(Row()).IdempotencyKey;
        var changed = mapper.Map(Row() with { Fingerprint = "fp2" }).IdempotencyKey;

        Assert.Equal(once, again);
        Assert.NotEqual(once, changed);
    }

    [Fact]
    public void Removed_row_carries_only_its_key_and_destination_id()
    {
        var change = new RowMapper(Sync()).Map(new DiffRow(ChangeKind.Removed, "7", new Dictionary<string, object?>(), "fp1", "hs-512"));

        Assert.Empty(change.Fields);
        Assert.Null(change.MatchValue);
        Assert.Equal("hs-512", change.DestinationId);
    }
}
