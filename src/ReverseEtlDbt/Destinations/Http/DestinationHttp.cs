using System.Globalization;
using System.Net;

namespace ReverseEtlDbt.Destinations.Http;

/// <summary>
/// What every HTTP destination does the same way: turn dropped connections and timeouts into
/// <see cref="DestinationTransientException"/>, and 429/5xx and 401/403 answers into the engine's exceptions,
/// leaving each destination only its API's success and refusal shapes. No retries here: the engine owns them.
/// </summary>
internal static class DestinationHttp
{
    /// <summary>
    /// Sends <paramref name="request"/> and returns once the headers are in: read the body with <see cref="DestinationBody"/>,
    /// which bounds it. A failure to get any answer is transient (unless the caller cancelled).
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, string destination, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new DestinationTransientException($"{destination}: no answer ({e.HttpRequestError}).", inner: e);
        }
        catch (IOException e)
        {
            throw new DestinationTransientException($"{destination}: connection failed.", inner: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DestinationTransientException($"{destination}: request timed out.", inner: e);
        }
    }

    /// <summary>
    /// Throws for the answers the engine handles the same for every API: 408, 429 and 5xx are transient (retry
    /// after <c>Retry-After</c>, else <paramref name="fallbackRetryAfter"/>); 401 and 403 stop the connection.
    /// <paramref name="detail"/> is the API's own explanation, already free of secrets.
    /// </summary>
    public static void ThrowIfRetryableOrAuth(
        HttpResponseMessage response, string destination, string detail, DateTimeOffset now, TimeSpan? fallbackRetryAfter = null)
    {
        var status = (int)response.StatusCode;
        var described = $"{destination}: {status.ToString(CultureInfo.InvariantCulture)} {detail}".TrimEnd();
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new DestinationAuthException(described);
        if (status is 408 or 429 or >= 500)
            throw new DestinationTransientException(described, RetryAfter(response, now) ?? fallbackRetryAfter, status);
    }

    /// <summary>
    /// <c>Retry-After</c> as a delay, whether sent as seconds or as an HTTP date (a past date is no wait); <c>null</c> when
    /// absent or malformed (the engine's backoff applies). A far one is returned as is: the engine's bound judges it.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>
    /// The start of an API's answer for a reason or message: at most <see cref="SnippetLength"/> characters, cut
    /// between words, so no quoted value is left half there (a half value would escape the engine's masking).
    /// </summary>
    public static string Snippet(string text)
    {
        if (text.Length <= SnippetLength) return text;
        var end = text.LastIndexOfAny(WordBreaks, SnippetLength - 1);
        return (end > 0 ? text[..end] : "") + "…";
    }

    public const int SnippetLength = 300;

    private static readonly char[] WordBreaks = [' ', '\t', '"', '\'', ',', ';', '(', ')', '[', ']', '{', '}', '<', '>'];

    /// <summary>A response header parsed as a whole number, tolerating its absence (HubSpot omits limit headers at times).</summary>
    public static long? HeaderNumber(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
