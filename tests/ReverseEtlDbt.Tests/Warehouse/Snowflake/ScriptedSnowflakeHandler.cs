using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

/// <summary>A stand-in for the SQL API: answers each request with the next canned response and records what was sent.</summary>
internal sealed class ScriptedSnowflakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> script = new();

    public List<RecordedRequest> Requests { get; } = [];

    public ScriptedSnowflakeHandler Respond(int status, string json = "{}") => Respond(_ => Response(status, json));

    public ScriptedSnowflakeHandler Respond(Func<RecordedRequest, HttpResponseMessage> answer)
    {
        script.Enqueue(answer);
        return this;
    }

    public static HttpResponseMessage Response(int status, string json = "{}") =>
        new((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Add(recorded);
        return script.Count > 0 ? script.Dequeue()(recorded)
            : throw new InvalidOperationException($"No scripted response for {request.Method} {request.RequestUri}");
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string? Body)
{
    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];

    public JsonElement Json => JsonDocument.Parse(Body!).RootElement;

    public override string ToString() => $"{Method} {Uri.PathAndQuery}";
}
