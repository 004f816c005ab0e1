using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

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
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string Inputs(int count, Func<int, string> input) =>
        "{\"inputs\":[" + string.Join(",", Enumerable.Range(1, count).Select(input)) + "]}";

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
