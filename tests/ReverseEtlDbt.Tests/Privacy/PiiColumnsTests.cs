using System.Text.Json;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Privacy;
using Xunit;

namespace ReverseEtlDbt.Tests.Privacy;

public sealed class PiiColumnsTests
{
    [Theory]
    [InlineData("""{"pii": true}""", true)]
    [InlineData("""{"pii": "yes"}""", true)]
    [InlineData("""{"pii": "true"}""", true)]
    [InlineData("""{"pii": false}""", false)]
    [InlineData("""{"pii": "no"}""", false)]
    [InlineData("{}", false)]
    public void Meta_pii_marks_a_column(string meta, bool pii) =>
        Assert.Equal(pii, PiiColumns.IsPii(new ManifestColumn { Name = "email", Meta = JsonDocument.Parse(meta).RootElement.Clone() }));

    [Fact]
    public void The_pii_tag_marks_a_column_and_names_compare_case_insensitively()
    {
        var model = new ManifestNode
        {
            UniqueId = "model.shop.customers",
            ResourceType = "model",
            Name = "customers",
            Columns = [new ManifestColumn { Name = "Phone", Tags = ["PII"] }, new ManifestColumn { Name = "tier" }],
        };

        Assert.Equal(["Phone"], PiiColumns.Of(model));
        Assert.True(new PiiMasker(model).IsPii("phone"));
        Assert.Equal("+***", new PiiMasker(model).MaskIfPii("PHONE", "+15550100"));
        Assert.Equal("gold", new PiiMasker(model).MaskIfPii("tier", "gold"));
    }
}
