using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReverseEtlDbt.Emulators;

namespace ReverseEtlDbt.Tests.Emulators;

/// <summary>Raw HTTP against an emulator, to test it as an API without any of our clients in between.</summary>
internal static class EmulatorCalls
{
    public static HttpClient Http { get; } = new();

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(
        Uri url, string json, string? token = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return await SendAsync(request);
    }

    /// <summary>Sends <paramref name="request"/>; the body is parsed as JSON, undefined when the answer has none.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Runs the emulators as <c>retl emulators</c> does until they print "Ctrl+C", stops them, and returns what they printed.</summary>
    public static async Task<string> RunStandaloneAsync()
    {
        using var output = new StringWriter();
        var writer = TextWriter.Synchronized(output); // written by the host while this thread reads it
        string Printed()
        {
            lock (writer) return output.ToString();
        }
        using var cancel = new CancellationTokenSource();
        var run = EmulatorHost.RunUntilCancelledAsync(0, null, writer, cancel.Token);
        while (!Printed().Contains("Ctrl+C", StringComparison.Ordinal) && !run.IsCompleted) await Task.Delay(20);
        await cancel.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        return Printed();
    }

    public static string Inputs(int count, Func<int, string> input) =>
        "{\"inputs\":[" + string.Join(",", Enumerable.Range(1, count).Select(input)) + "]}";

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
