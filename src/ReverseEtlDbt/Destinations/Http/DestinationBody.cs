using System.Buffers;
using System.Globalization;
using System.Text;

namespace ReverseEtlDbt.Destinations.Http;

/// <summary>
/// Reads an HTTP destination's answer with a size limit: a runaway answer (a proxy's error page, a misrouted download)
/// costs at most the limit in memory, never the whole body. <see cref="DestinationHttp.SendAsync"/> returns once the
/// headers are in, so the body is read here, streamed in small chunks.
/// </summary>
internal static class DestinationBody
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>The whole body as text; an answer over <paramref name="limit"/> bytes fails the batch, naming destination and limit.</summary>
    public static async Task<string> ReadAsync(HttpResponseMessage response, string destination, long limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit) throw TooLarge(response, destination, limit);
        var (text, complete) = await ReadUpToAsync(response, limit, cancellationToken);
        return complete ? text : throw TooLarge(response, destination, limit);
    }

    /// <summary>
    /// At most <paramref name="limit"/> bytes of the body as text, the rest left unread: for answers only ever shown as
    /// a snippet (a webhook receiver's), where a long one is no error.
    /// </summary>
    public static async Task<string> ReadStartAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken) =>
        (await ReadUpToAsync(response, limit, cancellationToken)).Text;

    /// <summary>
    /// A success answer whose body is not what the API documents (an HTML page from a proxy, cut-off JSON, another
    /// shape): the batch fails with the start of the body, not retried now (the write may have happened; resending
    /// is for the next run, like any unacknowledged batch). Secrets and PII are scrubbed by the engine's wrapper.
    /// </summary>
    public static DestinationFatalException Unreadable(string destination, int status, string expected, string text)
    {
        var start = DestinationHttp.Snippet(text.ReplaceLineEndings(" ").Trim());
        return new DestinationFatalException(
            $"{destination}: answered {status.ToString(CultureInfo.InvariantCulture)} with a body that is not the documented {expected}: " +
            $"{(start.Length == 0 ? "(empty)" : start)}; none of the batch's rows are recorded and the next run sends them again", status);
    }

    /// <summary>A limit for people: "8 MiB", "64 KiB".</summary>
    public static string Describe(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{(bytes >> 20).ToString(CultureInfo.InvariantCulture)} MiB"
        : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? $"{(bytes >> 10).ToString(CultureInfo.InvariantCulture)} KiB"
        : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";

    private static async Task<(string Text, bool Complete)> ReadUpToAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                var room = (int)Math.Min(read, limit - buffer.Length);
                buffer.Write(chunk, 0, room);
                if (room < read) return (Decode(buffer), false);
            }
            return (Decode(buffer), true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>UTF-8 (what every API here documents), without a byte order mark; a cut multi-byte character becomes U+FFFD.</summary>
    private static string Decode(MemoryStream buffer)
    {
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static DestinationFatalException TooLarge(HttpResponseMessage response, string destination, long limit)
    {
        var status = (int)response.StatusCode;
        return new DestinationFatalException(
            $"{destination}: answered {status.ToString(CultureInfo.InvariantCulture)} with a body over its {Describe(limit)} limit; " +
            "the answer was not read, so none of the batch's rows are recorded and the next run sends them again", status);
    }
}
