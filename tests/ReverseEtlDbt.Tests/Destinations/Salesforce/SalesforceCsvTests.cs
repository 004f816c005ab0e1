using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Salesforce;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations.Salesforce;

/// <summary>The Bulk API 2.0 CSV dialect: comma, LF, RFC 4180 quoting only where needed, <c>#N/A</c> for null, empty for absent.</summary>
public sealed class SalesforceCsvTests
{
    [Fact]
    public void Write_puts_the_external_id_first_quotes_only_what_needs_it_and_ends_every_row_with_lf()
    {
        RecordChange[] rows =
        [
            new("1", "A-1", new Dictionary<string, object?> { ["Name"] = "Doe, \"JJ\"\nJr", ["Email"] = null, ["Score__c"] = 7 }, null, "i1"),
            new("2", "A-2", new Dictionary<string, object?> { ["Name"] = " padded ", ["Ext__c"] = "ignored" }, null, "i2"),
            new("3", "A-3", new Dictionary<string, object?> { ["Name"] = "cr\ronly", ["Email"] = "=1+1" }, null, "i3"),
        ];

        Assert.Equal(
            "Ext__c,Name,Email,Score__c\n"
            + "A-1,\"Doe, \"\"JJ\"\"\nJr\",#N/A,7\n"
            + "A-2, padded ,,\n"
            + "A-3,\"cr\ronly\",=1+1,\n",
            SalesforceCsv.Write("Ext__c", rows));
    }

    [Fact]
    public void Write_of_no_rows_is_the_header_alone()
    {
        Assert.Equal("Ext__c\n", SalesforceCsv.Write("Ext__c", []));
    }

    [Fact]
    public void Read_maps_rows_by_header_ignoring_case_blank_lines_and_crlf_and_fills_missing_fields_with_empty()
    {
        var rows = SalesforceCsv.Read("sf__Created,sf__Id,Ext__c,Name\r\ntrue,001,A-1,\"Doe, \"\"JJ\"\"\nJr\"\r\n\r\nfalse,002,A-2\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(("true", "001", "A-1", "Doe, \"JJ\"\nJr"), (rows[0]["sf__created"], rows[0]["SF__ID"], rows[0]["Ext__c"], rows[0]["Name"]));
        Assert.Equal(("false", "002", "A-2", ""), (rows[1]["sf__Created"], rows[1]["sf__Id"], rows[1]["Ext__c"], rows[1]["Name"]));
    }

    [Fact]
    public void Read_of_nothing_or_a_header_alone_is_no_rows()
    {
        Assert.Empty(SalesforceCsv.Read(""));
        Assert.Empty(SalesforceCsv.Read("sf__Id,sf__Error\n"));
    }
}
