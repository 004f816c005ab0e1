using System.Text.Json;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.MetaAudiences;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.MetaAudiences.MetaAudienceBatches;

namespace ReverseEtlDbt.Tests.Destinations.MetaAudiences;

public sealed class MetaUploadResponseTests
{
    private static readonly MetaUpload Upload = MetaUpload.ForAdd(Customers(), [Row(1), Row(2), Row(3)], 2026);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void No_invalid_entries_acknowledges_every_row()
    {
        var rows = MetaUploadResponse.Read(Json("""{"num_received":3,"num_invalid_entries":0,"invalid_entry_samples":{}}"""), Upload);

        Assert.All(rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal(Upload.Rows.Select(r => r.MemberId), rows.Select(r => r.DestinationId));
    }

    [Fact]
    public void Sample_naming_a_value_rejects_only_its_row()
    {
        var phone = Upload.Rows[1].Values[1];

        var rows = MetaUploadResponse.Read(Json($$$"""{"num_received":3,"num_invalid_entries":1,"invalid_entry_samples":{"{{{phone}}}":"Invalid PHONE"}}"""), Upload);

        var rejected = Assert.Single(rows, r => r.Status == RowStatus.Rejected);
        Assert.Equal("2", rejected.PrimaryKey);
        Assert.Contains("Invalid PHONE", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_entries_the_samples_do_not_explain_reject_the_unexplained_rows_rather_than_guess()
    {
        var rows = MetaUploadResponse.Read(Json("""{"num_received":3,"num_invalid_entries":1,"invalid_entry_samples":{}}"""), Upload);

        Assert.All(rows, r => Assert.Equal(RowStatus.Rejected, r.Status));
        Assert.Contains("1 invalid of 3", rows[0].Reason, StringComparison.Ordinal);
    }
}
