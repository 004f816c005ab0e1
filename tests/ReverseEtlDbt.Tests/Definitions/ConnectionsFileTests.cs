using ReverseEtlDbt.Definitions;
using Xunit;

namespace ReverseEtlDbt.Tests.Definitions;

public class ConnectionsFileTests
{
    private static ConnectionsFile Read(string yaml, Dictionary<string, string>? env = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"retl-conn-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, yaml);
        var (file, diagnostics) = ConnectionsFile.Read(path, "retl_connections.yml", name => env?.GetValueOrDefault(name));
        Assert.Empty(diagnostics);
        return file;
    }

    [Fact]
    public void Env_var_with_default_renders_the_default_when_unset()
    {
        var file = Read("""
            hubspot:
              type: hubspot
              base_url: "{{ env_var('HUBSPOT_URL', 'https://api.hubapi.com') }}"
            """);

        Assert.Equal("https://api.hubapi.com", file.Connections["hubspot"].GetString("base_url"));
    }

    [Fact]
    public void Env_var_value_wins_over_its_default()
    {
        var file = Read("""
            hubspot:
              type: hubspot
              base_url: "{{ env_var('HUBSPOT_URL', 'https://api.hubapi.com') }}"
            """, new() { ["HUBSPOT_URL"] = "http://127.0.0.1:4010" });

        Assert.Equal("http://127.0.0.1:4010", file.Connections["hubspot"].GetString("base_url"));
    }

    [Fact]
    public void Unset_env_var_without_default_fails_only_when_the_value_is_read()
    {
        var file = Read("""
            hubspot:
              type: hubspot
              token: "{{ env_var('HUBSPOT_TOKEN') }}"
            """);

        var connection = file.Connections["hubspot"];
        Assert.Equal("hubspot", connection.Type);
        var error = Assert.Throws<ConfigException>(() => connection.GetSecret("token"));
        Assert.Contains("'HUBSPOT_TOKEN'", error.Message);
        Assert.Contains("connection 'hubspot' key 'token'", error.Message);
    }

    [Fact]
    public void Secret_never_prints_its_value()
    {
        var file = Read("""
            hubspot:
              type: hubspot
              token: "{{ env_var('HUBSPOT_TOKEN') }}"
            """, new() { ["HUBSPOT_TOKEN"] = "pat-na1-supersecret" });

        var secret = file.Connections["hubspot"].RequireSecret("token");
        Assert.Equal("pat-na1-supersecret", secret.Reveal());
        Assert.Equal("*****", secret.ToString());
        Assert.Equal("token *****", $"token {secret}");
        Assert.Equal("\"*****\"", System.Text.Json.JsonSerializer.Serialize(secret));
    }

    [Fact]
    public void Connection_without_type_is_reported_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"retl-conn-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "ok:\n  type: webhook\nbroken:\n  url: http://x\n");

        var (file, diagnostics) = ConnectionsFile.Read(path, "retl_connections.yml", _ => null);

        var d = Assert.Single(diagnostics);
        Assert.Equal(("missing_key", 3), (d.Code, d.Line));
        Assert.Contains("'broken'", d.Message);
        Assert.True(file.Connections.ContainsKey("ok"));
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"retl-conn-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "hubspot:\n  type: hubspot\n  token: [unclosed\n");

        var (_, diagnostics) = ConnectionsFile.Read(path, "retl_connections.yml", _ => null);

        var d = Assert.Single(diagnostics);
        Assert.Equal("invalid_yaml", d.Code);
        Assert.Equal("retl_connections.yml", d.File);
        Assert.NotNull(d.Line);
    }
}
