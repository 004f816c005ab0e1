using System.Text;
using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.Http;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// Adds rows to a Meta custom audience (<c>POST /v{N}/{audience_id}/users</c>) and, for mirror, removes the members
/// this sync added (<c>DELETE</c>, same path and payload shape). Every identifier is normalised and SHA-256 hashed here,
/// before the request is built, so plain PII never leaves the process. One request per batch (≤ 10,000 rows).
/// </summary>
/// <remarks>
/// Answers: the Graph error envelope decides, whatever the HTTP status: throttling (4, 17, 32, 341, 613, 80000–80014)
/// and temporary (1, 2) errors are transient, waiting as long as <c>Retry-After</c> or <c>X-Business-Use-Case-Usage</c>
/// says; 190 and permission errors raise <see cref="DestinationAuthException"/>; anything else refuses the request
/// as a whole (<see cref="DestinationFatalException"/>). Rows Meta counts as invalid are rejected (see
/// <see cref="MetaUploadResponse"/>). The access token travels only as the <c>access_token</c> form field.
/// </remarks>
public sealed class MetaAudiencesDestination(string connectionName, MetaAudiencesOptions options, DestinationContext context) : IDestination
{
    /// <summary>The largest answer read (a <c>users</c> answer holds counts and a few samples); a larger one fails the batch.</summary>
    public const long MaxAnswerBytes = 4L << 20;

    private readonly string name = $"Meta Custom Audiences connection '{connectionName}'";

    public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        var audience = AudienceId(batch.Sync);
        return batch.Operation switch
        {
            WriteOperation.Upsert or WriteOperation.Insert => await AddAsync(batch, audience, cancellationToken),
            WriteOperation.Delete => await RemoveAsync(batch, audience, cancellationToken),
            var other => throw new DestinationFatalException(
                $"{name}: a custom audience cannot {other.ToString().ToLowerInvariant()} members; use mode upsert, insert or mirror with delete: delete"),
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<BatchResult> AddAsync(DestinationBatch batch, string audience, CancellationToken cancellationToken)
    {
        var upload = MetaUpload.ForAdd(batch.Sync, batch.Changes, context.Time.GetUtcNow().Year);
        if (upload.Rows.Count == 0) return new BatchResult(upload.Settled);
        var body = await SendAsync(HttpMethod.Post, audience, upload, batch.BatchKey, cancellationToken);
        var rows = MetaUploadResponse.Read(body, upload);
        if (batch.Sync.Mode == SyncMode.Mirror) await RemoveReplacedAsync(batch, audience, upload, rows, cancellationToken);
        return new BatchResult([.. upload.Settled, .. rows]);
    }

    private async Task<BatchResult> RemoveAsync(DestinationBatch batch, string audience, CancellationToken cancellationToken)
    {
        var upload = MetaUpload.ForRemove(batch.Changes.Select(c => (c, c.DestinationId)));
        if (upload.Rows.Count == 0) return new BatchResult(upload.Settled);
        var body = await SendAsync(HttpMethod.Delete, audience, upload, batch.BatchKey, cancellationToken);
        return new BatchResult([.. upload.Settled, .. MetaUploadResponse.Read(body, upload)]);
    }

    /// <summary>
    /// Mirror keeps the audience equal to the model: when a row's identifiers changed completely (a new email and
    /// phone), the member added for its old ones goes. One that shares an email, phone or id with the new member is
    /// the same person and stays: removing it would remove them.
    /// </summary>
    private async Task RemoveReplacedAsync(
        DestinationBatch batch, string audience, MetaUpload added, IReadOnlyList<RowOutcome> outcomes, CancellationToken cancellationToken)
    {
        var accepted = outcomes.Where(o => o.Status == RowStatus.Ok).Select(o => o.PrimaryKey).ToHashSet(StringComparer.Ordinal);
        var replaced = added.Rows
            .Where(r => accepted.Contains(r.Change.PrimaryKey) && r.Change.DestinationId is { Length: > 0 } old && old != r.MemberId
                        && !SharesUniqueIdentifier(old, r.MemberId))
            .Select(r => (r.Change, r.Change.DestinationId))
            .ToList();
        if (replaced.Count == 0) return;
        await SendAsync(HttpMethod.Delete, audience, MetaUpload.ForRemove(replaced), batch.BatchKey + "/replaced", cancellationToken);
    }

    private static bool SharesUniqueIdentifier(string oldMember, string newMember)
    {
        var now = MetaMemberId.Parse(newMember);
        return MetaMemberId.Parse(oldMember).Any(kv => MetaSchemaKeys.IsUnique(kv.Key) && now.GetValueOrDefault(kv.Key) == kv.Value);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string audience, MetaUpload upload, string batchKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, options.UsersUrl(audience))
        {
            Content = new StringContent(Form(
                ("access_token", options.AccessToken.Reveal()), ("payload", upload.Payload()), ("session", upload.Session(batchKey))),
                Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var response = await DestinationHttp.SendAsync(context.Http, request, name, cancellationToken);
        var text = await DestinationBody.ReadAsync(response, name, MaxAnswerBytes, cancellationToken);
        var body = DestinationJson.Parse(text);
        var now = context.Time.GetUtcNow();
        var action = method == HttpMethod.Post ? "adding users to" : "removing users from";
        if (MetaGraphError.From(body) is { } error) throw Refusal(error, response, now, $"{action} audience {audience}");
        DestinationHttp.ThrowIfRetryableOrAuth(response, name, Scrub(DestinationHttp.Snippet(text)), now, MetaUsageHeaders.RegainAccessIn(response));
        if (!response.IsSuccessStatusCode)
            throw new DestinationFatalException($"{name}: {(int)response.StatusCode} {action} audience {audience}: {Scrub(DestinationHttp.Snippet(text))}", (int)response.StatusCode);
        return MetaUploadResponse.IsUploadAnswer(body) ? body
            : throw DestinationBody.Unreadable(name, (int)response.StatusCode, "users JSON (num_received)", Scrub(text));
    }

    private Exception Refusal(MetaGraphError error, HttpResponseMessage response, DateTimeOffset now, string action)
    {
        var status = (int)response.StatusCode;
        var message = $"{name}: {Scrub(error.Describe())} ({action})";
        if (error.IsAuth)
            return new DestinationAuthException(error.Code is 190 or 102 or 104 or 463 or 467
                ? $"{message}. The access token is expired or invalid: issue a new system-user token and update the connection's access_token."
                : $"{message}. The token lacks a permission: it needs ads_management on the ad account, and the Custom Audience terms accepted.");
        if (error.IsThrottling || error.IsTemporary || status >= 500)
            return new DestinationTransientException(message, DestinationHttp.RetryAfter(response, now) ?? MetaUsageHeaders.RegainAccessIn(response), status);
        if (error is { Code: 100, Subcode: 1713230 })
            return new DestinationFatalException($"{message}. Meta blocked uploads to this audience; see its status in Ads Manager.", status);
        return new DestinationFatalException(
            error.Code == 100 ? $"{message}. Check that the sync's object is the id of a custom audience this token may edit." : message, status);
    }

    /// <summary>A custom audience id is Meta's numeric object id.</summary>
    internal static bool IsAudienceId(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    private string AudienceId(DestinationSync sync) =>
        IsAudienceId(sync.Object)
            ? sync.Object
            : throw new DestinationFatalException(
                $"{name}: object '{sync.Object}' of sync '{sync.Id}' is not a custom audience id; set `object:` to the audience's numeric id (Ads Manager → Audiences, or the id returned when it was created)");

    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));

    private string Scrub(string text) => Scrubber.ForSecrets(options.AccessToken).Scrub(text);
}
