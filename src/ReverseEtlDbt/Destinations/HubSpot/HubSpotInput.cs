using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Destinations.HubSpot;

/// <summary>
/// One item of a batch request's <c>inputs</c> and the row it came from, so results and errors can be traced
/// back: by <see cref="TraceId"/>, by record <see cref="Id"/>, or by the <see cref="IdProperty"/> value.
/// </summary>
internal sealed record HubSpotInput(RecordChange Row, string? Id, string? IdProperty, string? TraceId, bool SendProperties)
{
    /// <summary>The id is a HubSpot record id (not a unique property value).</summary>
    public bool IsRecordId => Id is not null && IdProperty is null;

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Id is not null) json["id"] = Id;
        if (IdProperty is not null) json["idProperty"] = IdProperty;
        if (SendProperties)
        {
            var properties = new JsonObject();
            foreach (var (field, value) in Row.Fields) properties[field] = HubSpotPropertyValue.Format(value);
            json["properties"] = properties;
        }
        if (TraceId is not null) json["objectWriteTraceId"] = TraceId;
        return json;
    }
}
