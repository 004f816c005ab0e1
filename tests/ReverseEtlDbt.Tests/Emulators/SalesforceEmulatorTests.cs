using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Emulators;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.EmulatorCalls;

namespace ReverseEtlDbt.Tests.Emulators;

/// <summary>The Salesforce emulator as an API, with raw HTTP: what DESTINATIONS.md §2 says it must reproduce.</summary>
public sealed class SalesforceEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(new EmulatorOptions { Time = time }, CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Client_credentials_grant_issues_a_bearer_token_for_this_instance()
    {
        var (response, body) = await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "emulator-client-id", ["client_secret"] = "emulator-client-secret" });

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(host.BaseUrl.ToString().TrimEnd('/'), body.GetProperty("instance_url").GetString());
        Assert.Equal(body.GetProperty("access_token").GetString(), Assert.Single(host.Salesforce.IssuedTokens));
        Assert.False(body.TryGetProperty("refresh_token", out _));
    }

    [Theory]
    [InlineData("client_credentials", "emulator-client-id", "wrong-secret", null, "invalid_client")]
    [InlineData("client_credentials", "someone-else", "emulator-client-secret", null, "invalid_client_id")]
    [InlineData("refresh_token", "emulator-client-id", null, "revoked-refresh-token", "invalid_grant")]
    [InlineData("password", "emulator-client-id", "emulator-client-secret", null, "unsupported_grant_type")]
    public async Task Token_endpoint_refuses_wrong_credentials_with_an_oauth_error(string grant, string clientId, string? secret, string? refresh, string error)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grant, ["client_id"] = clientId };
        if (secret is not null) form["client_secret"] = secret;
        if (refresh is not null) form["refresh_token"] = refresh;

        var (response, body) = await TokenAsync(form);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Empty(host.Salesforce.IssuedTokens);
    }

    [Fact]
    public async Task Refresh_token_rotation_answers_a_new_refresh_token_and_voids_the_used_one()
    {
        host.Salesforce.Options.RotateRefreshTokens = true;
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = "emulator-client-id", ["refresh_token"] = "emulator-refresh-token" };

        var (first, body) = await TokenAsync(form);
        var (again, _) = await TokenAsync(form);
        form["refresh_token"] = body.GetProperty("refresh_token").GetString()!;
        var (rotated, _) = await TokenAsync(form);

        Assert.Equal((200, 400, 200), ((int)first.StatusCode, (int)again.StatusCode, (int)rotated.StatusCode));
    }

    [Fact]
    public async Task Call_without_a_live_session_is_401_INVALID_SESSION_ID()
    {
        var (response, body) = await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token: "00Dnot-a-token");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", body[0].GetProperty("errorCode").GetString());
        Assert.Equal("Session expired or invalid", body[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Session_ends_after_the_inactivity_timeout_on_the_host_clock_and_each_call_resets_it()
    {
        host.Salesforce.Options.SessionTimeout = TimeSpan.FromMinutes(10);
        var token = await IssueAsync();

        time.Advance(TimeSpan.FromMinutes(9));
        var (kept, _) = await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token);
        time.Advance(TimeSpan.FromMinutes(9));
        var (stillKept, _) = await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token);
        time.Advance(TimeSpan.FromMinutes(10));
        var (expired, _) = await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token);

        Assert.Equal((200, 200, 401), ((int)kept.StatusCode, (int)stillKept.StatusCode, (int)expired.StatusCode));
    }

    [Fact]
    public async Task Upsert_by_external_id_creates_then_updates_and_answers_in_request_order()
    {
        var token = await IssueAsync();

        var (_, created) = await SendAsync(HttpMethod.Patch, Upsert(), Records(2), token);
        var (response, updated) = await SendAsync(HttpMethod.Patch, Upsert(),
            """{"allOrNone":false,"records":[{"attributes":{"type":"Contact"},"Ext_Id__c":"E-2","LastName":"Two again"},{"attributes":{"type":"Contact"},"Ext_Id__c":"E-9","LastName":"Nine"}]}""", token);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.All(created.EnumerateArray(), r => Assert.True(r.GetProperty("created").GetBoolean()));
        Assert.False(updated[0].GetProperty("created").GetBoolean());
        Assert.Equal(created[1].GetProperty("id").GetString(), updated[0].GetProperty("id").GetString());
        Assert.True(updated[1].GetProperty("created").GetBoolean());
        Assert.Matches("^003[0-9]{12}AAA$", created[0].GetProperty("id").GetString());
        Assert.Equal(["E-1", "E-2", "E-9"], host.Salesforce.Records("Contact").Select(r => r["Ext_Id__c"]));
        Assert.Equal("Two again", host.Salesforce.FindRecord("Contact", "Ext_Id__c", "e-2")?["LastName"]);
        Assert.Equal("api-usage=2/100000", Header(response, "Sforce-Limit-Info"));
    }

    [Fact]
    public async Task More_than_200_records_is_a_400_and_nothing_is_saved()
    {
        var (response, body) = await SendAsync(HttpMethod.Patch, Upsert(), Records(201), await IssueAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("EXCEEDED_ID_LIMIT", body[0].GetProperty("errorCode").GetString());
        Assert.Empty(host.Salesforce.Records("Contact"));
        Assert.Equal(201, host.Salesforce.Requests[^1].RecordCount);
    }

    [Fact]
    public async Task Malformed_body_is_a_400()
    {
        var token = await IssueAsync();
        var (notJson, _) = await SendAsync(HttpMethod.Patch, Upsert(), "{nope", token);
        var (noRecords, body) = await SendAsync(HttpMethod.Patch, Upsert(), """{"allOrNone":false}""", token);

        Assert.Equal((400, 400), ((int)notJson.StatusCode, (int)noRecords.StatusCode));
        Assert.Equal("JSON_PARSER_ERROR", body[0].GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Invalid_values_and_unknown_fields_fail_only_their_records_when_allOrNone_is_false()
    {
        host.Salesforce.Options.KnownFields["Contact"] = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Ext_Id__c", "LastName", "Email" };
        var records = """
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Contact"},"Ext_Id__c":"E-1","Email":"one@example.com"},
              {"attributes":{"type":"Contact"},"Ext_Id__c":"E-2","Email":"not-an-email"},
              {"attributes":{"type":"Contact"},"Ext_Id__c":"E-3","Shoe_Size__c":44},
              {"attributes":{"type":"Contact"},"Ext_Id__c":"E-4","LastName":"Four"}]}
            """;

        var (response, body) = await SendAsync(HttpMethod.Patch, Upsert(), records, await IssueAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([true, false, false, true], body.EnumerateArray().Select(r => r.GetProperty("success").GetBoolean()));
        Assert.Equal("INVALID_EMAIL_ADDRESS", body[1].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal("Email", body[1].GetProperty("errors")[0].GetProperty("fields")[0].GetString());
        Assert.Equal("Email: invalid email address: not-an-email", body[1].GetProperty("errors")[0].GetProperty("message").GetString()); // quoted, as Salesforce does
        Assert.Equal("INVALID_FIELD", body[2].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal(["E-1", "E-4"], host.Salesforce.Records("Contact").Select(r => r["Ext_Id__c"]));
    }

    [Fact]
    public async Task AllOrNone_true_saves_nothing_and_marks_the_valid_records_rolled_back()
    {
        var records = """
            {"allOrNone":true,"records":[
              {"attributes":{"type":"Contact"},"Ext_Id__c":"E-1","Email":"one@example.com"},
              {"attributes":{"type":"Contact"},"Ext_Id__c":"E-2","Email":"not-an-email"}]}
            """;

        var (_, body) = await SendAsync(HttpMethod.Patch, Upsert(), records, await IssueAsync());

        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", body[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal("INVALID_EMAIL_ADDRESS", body[1].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Empty(host.Salesforce.Records("Contact"));
    }

    [Fact]
    public async Task Update_needs_a_known_id_and_delete_answers_per_id()
    {
        var token = await IssueAsync();
        var (_, created) = await SendAsync(HttpMethod.Patch, Upsert(), Records(2), token);
        var first = created[0].GetProperty("id").GetString();
        var second = created[1].GetProperty("id").GetString();

        var (_, updated) = await SendAsync(HttpMethod.Patch, Data("composite/sobjects"),
            $$"""{"records":[{"attributes":{"type":"Contact"},"id":"{{first}}","LastName":"Renamed"},{"attributes":{"type":"Contact"},"id":"003000000000999AAA","LastName":"X"}]}""", token);
        var (_, deleted) = await SendAsync(HttpMethod.Delete, Data($"composite/sobjects?ids={second},003000000000999AAA&allOrNone=false"), null, token);
        var (_, again) = await SendAsync(HttpMethod.Delete, Data($"composite/sobjects?ids={second}"), null, token);

        Assert.Equal([true, false], updated.EnumerateArray().Select(r => r.GetProperty("success").GetBoolean()));
        Assert.Equal("Renamed", host.Salesforce.FindRecord("Contact", "Id", first!)?["LastName"]);
        Assert.Equal([true, false], deleted.EnumerateArray().Select(r => r.GetProperty("success").GetBoolean()));
        Assert.Equal("ENTITY_IS_DELETED", again[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal([first], host.Salesforce.Records("Contact").Select(r => r.Id));
    }

    [Fact]
    public async Task Exhausted_daily_allocation_is_403_REQUEST_LIMIT_EXCEEDED_until_calls_age_out()
    {
        host.Salesforce.Options.DailyApiAllocation = 2;
        host.Salesforce.Options.SessionTimeout = TimeSpan.FromDays(2); // the session outlives the wait
        var token = await IssueAsync();
        await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token);
        await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token);

        var (limited, body) = await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token);
        time.Advance(TimeSpan.FromHours(24));
        var (open, _) = await SendAsync(HttpMethod.Patch, Upsert(), Records(1), token);

        Assert.Equal(403, (int)limited.StatusCode);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", body[0].GetProperty("errorCode").GetString());
        Assert.Equal("api-usage=2/2", Header(limited, "Sforce-Limit-Info"));
        Assert.Equal("", Header(limited, "Retry-After")); // Salesforce documents none
        Assert.Equal(200, (int)open.StatusCode);
    }

    [Fact]
    public async Task Soql_lookup_finds_ids_by_external_id()
    {
        var seeded = host.Salesforce.Seed("Contact", new Dictionary<string, string> { ["Ext_Id__c"] = "O'Brien" });
        var soql = Uri.EscapeDataString("SELECT Id, Ext_Id__c FROM Contact WHERE Ext_Id__c IN ('O\\'Brien','nobody')");

        var (response, body) = await SendAsync(HttpMethod.Get, Data("query?q=" + soql), null, await IssueAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(seeded.Id, Assert.Single(body.GetProperty("records").EnumerateArray()).GetProperty("Id").GetString());
    }

    [Fact]
    public async Task Bulk_job_goes_open_upload_complete_in_progress_job_complete_and_refuses_uploads_after_close()
    {
        var token = await IssueAsync();
        var (_, job) = await SendAsync(HttpMethod.Post, Data("jobs/ingest"),
            """{"object":"Contact","operation":"upsert","externalIdFieldName":"Ext_Id__c","contentType":"CSV","lineEnding":"LF"}""", token);
        var id = job.GetProperty("id").GetString();
        var jobUrl = Data($"jobs/ingest/{id}");

        var (upload, _) = await SendCsvAsync(Data($"jobs/ingest/{id}/batches"), "Ext_Id__c,Email,LastName\nE-1,one@example.com,\"Doe, Jane\"\nE-2,bad,Two\n", token);
        var (_, closed) = await SendAsync(HttpMethod.Patch, jobUrl, """{"state":"UploadComplete"}""", token);
        var (late, _) = await SendCsvAsync(Data($"jobs/ingest/{id}/batches"), "Ext_Id__c\nE-3\n", token);
        var (_, running) = await SendAsync(HttpMethod.Get, jobUrl, null, token);
        var (_, done) = await SendAsync(HttpMethod.Get, jobUrl, null, token);
        var successful = await SendCsvAsync(Data($"jobs/ingest/{id}/successfulResults/"), null, token, HttpMethod.Get);
        var failed = await SendCsvAsync(Data($"jobs/ingest/{id}/failedResults/"), null, token, HttpMethod.Get);

        Assert.Equal("Open", job.GetProperty("state").GetString());
        Assert.Equal(201, (int)upload.StatusCode);
        Assert.Equal("UploadComplete", closed.GetProperty("state").GetString());
        Assert.Equal(409, (int)late.StatusCode);
        Assert.Equal(("InProgress", "JobComplete"), (running.GetProperty("state").GetString(), done.GetProperty("state").GetString()));
        Assert.Equal((2, 1), (done.GetProperty("numberRecordsProcessed").GetInt32(), done.GetProperty("numberRecordsFailed").GetInt32()));
        var contact = Assert.Single(host.Salesforce.Records("Contact"));
        Assert.Equal("Doe, Jane", contact["LastName"]);
        Assert.Equal($"sf__Created,sf__Id,Ext_Id__c,Email,LastName\ntrue,{contact.Id},E-1,one@example.com,\"Doe, Jane\"\n", successful.Text);
        Assert.StartsWith("sf__Id,sf__Error,Ext_Id__c,Email,LastName\n,INVALID_EMAIL_ADDRESS:", failed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_bulk_job_reports_its_error_and_leaves_every_record_unprocessed()
    {
        host.Salesforce.Options.BulkJobFailure = "InvalidBatch : Field name not found";
        var token = await IssueAsync();
        var (_, job) = await SendAsync(HttpMethod.Post, Data("jobs/ingest"), """{"object":"Contact","operation":"upsert","externalIdFieldName":"Ext_Id__c"}""", token);
        var id = job.GetProperty("id").GetString();
        await SendCsvAsync(Data($"jobs/ingest/{id}/batches"), "Ext_Id__c\nE-1\n", token);
        await SendAsync(HttpMethod.Patch, Data($"jobs/ingest/{id}"), """{"state":"UploadComplete"}""", token);

        await SendAsync(HttpMethod.Get, Data($"jobs/ingest/{id}"), null, token);
        var (_, ended) = await SendAsync(HttpMethod.Get, Data($"jobs/ingest/{id}"), null, token);
        var unprocessed = await SendCsvAsync(Data($"jobs/ingest/{id}/unprocessedrecords/"), null, token, HttpMethod.Get);

        Assert.Equal(("Failed", "InvalidBatch : Field name not found"), (ended.GetProperty("state").GetString(), ended.GetProperty("errorMessage").GetString()));
        Assert.Equal("Ext_Id__c\nE-1\n", unprocessed.Text);
        Assert.Empty(host.Salesforce.Records("Contact"));
    }

    private static async Task<(HttpResponseMessage Response, string Text)> SendCsvAsync(Uri url, string? csv, string token, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Put, url);
        if (csv is not null) request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Standalone_run_prints_where_salesforce_listens_and_its_client_id()
    {
        var output = await RunStandaloneAsync();

        Assert.Matches(@"Salesforce emulator: http://127\.0\.0\.1:\d+/ \(client_id: emulator-client-id, client_secret: emulator-client-secret\)", output);
    }

    private Uri Data(string path) => new(host.BaseUrl, "services/data/v60.0/" + path);

    private Uri Upsert() => Data("composite/sobjects/Contact/Ext_Id__c");

    private static string Records(int count) =>
        "{\"allOrNone\":false,\"records\":[" + string.Join(",", Enumerable.Range(1, count).Select(n =>
            $$"""{"attributes":{"type":"Contact"},"Ext_Id__c":"E-{{n}}","LastName":"C{{n}}"}""")) + "]}";

    private async Task<string> IssueAsync() =>
        (await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "emulator-client-id", ["client_secret"] = "emulator-client-secret" }))
        .Body.GetProperty("access_token").GetString()!;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, "services/oauth2/token")) { Content = new FormUrlEncodedContent(form) };
        return await EmulatorCalls.SendAsync(request);
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, Uri url, string? json, string token)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await EmulatorCalls.SendAsync(request);
    }
}
