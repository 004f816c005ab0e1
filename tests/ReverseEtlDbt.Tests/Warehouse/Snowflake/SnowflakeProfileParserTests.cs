using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Tests.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Profiles;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class SnowflakeProfileParserTests : IDisposable
{
    private readonly TempDbtProject project = new();

    public void Dispose() => project.Dispose();

    private SnowflakeProfileTarget Load(string keys)
    {
        var indented = string.Join("\n", keys.Split('\n').Select(line => "      " + line));
        project.WriteProfiles(project.ProjectDir, $"shop:\n  target: prod\n  outputs:\n    prod:\n      type: snowflake\n{indented}\n");
        return Assert.IsType<SnowflakeProfileTarget>(ProfileLoader.Load(project.Request()).Target);
    }

    private ConfigException Refuse(string keys) => Assert.Throws<ConfigException>(() => Load(keys));

    private const string Base = "account: abc_123.eu-west-1\nuser: retl\ndatabase: analytics\nschema: marts\nwarehouse: transforming\nrole: retl_role";

    [Fact]
    public void Key_pair_from_a_path_with_passphrase_and_the_default_endpoint()
    {
        project.Environment["KEY_PASS"] = "s3cret-passphrase";

        var target = Load(Base + "\nprivate_key_path: keys/rsa_key.p8\nprivate_key_passphrase: \"{{ env_var('KEY_PASS') }}\"\nquery_tag: retl");

        var keyPair = Assert.IsType<SnowflakeCredentials.KeyPair>(target.Credentials);
        Assert.Equal(Path.Combine(project.ProjectDir, "keys", "rsa_key.p8"), keyPair.PrivateKeyPath);
        Assert.Equal("s3cret-passphrase", keyPair.Passphrase!.Reveal());
        Assert.Equal(new Uri("https://abc-123.eu-west-1.snowflakecomputing.com/"), target.BaseAddress);
        Assert.Equal(("analytics", "marts", "transforming", "retl_role", "retl"), (target.Database, target.Schema, target.Warehouse, target.Role, target.QueryTag));
        Assert.DoesNotContain("s3cret-passphrase", target.ToString());
    }

    [Fact]
    public void Inline_private_key_with_snowflake_jwt_authenticator()
    {
        var target = Load(Base + "\nauthenticator: snowflake_jwt\nprivate_key: MIIEvQIBADANBg");

        Assert.Equal("MIIEvQIBADANBg", Assert.IsType<SnowflakeCredentials.KeyPair>(target.Credentials).PrivateKey!.Reveal());
    }

    [Fact]
    public void OAuth_token_alone_is_an_access_token_and_with_a_client_a_refresh_token()
    {
        Assert.IsType<SnowflakeCredentials.OAuthAccessToken>(Load(Base + "\nauthenticator: oauth\ntoken: at-1").Credentials);

        var refresh = Assert.IsType<SnowflakeCredentials.OAuthRefreshToken>(
            Load(Base + "\nauthenticator: oauth\ntoken: rt-1\noauth_client_id: cid\noauth_client_secret: csecret").Credentials);
        Assert.Equal(("rt-1", "cid", "csecret"), (refresh.RefreshToken.Reveal(), refresh.ClientId, refresh.ClientSecret.Reveal()));
    }

    [Fact]
    public void Programmatic_access_token_jwt_and_a_bare_password()
    {
        Assert.Equal("pat-1", Assert.IsType<SnowflakeCredentials.ProgrammaticAccessToken>(
            Load(Base + "\nauthenticator: programmatic_access_token\ntoken: pat-1").Credentials).Token.Reveal());
        Assert.Equal("jwt-1", Assert.IsType<SnowflakeCredentials.ExternalJwt>(Load(Base + "\nauthenticator: jwt\ntoken: jwt-1").Credentials).Token.Reveal());
        Assert.Equal("pat-2", Assert.IsType<SnowflakeCredentials.ProgrammaticAccessToken>(Load(Base + "\npassword: pat-2").Credentials).Token.Reveal());
    }

    [Fact]
    public void Host_port_and_protocol_override_the_endpoint()
    {
        var target = Load(Base + "\npassword: p\nhost: 127.0.0.1\nport: 8443\nprotocol: http");

        Assert.Equal(new Uri("http://127.0.0.1:8443/"), target.BaseAddress);
    }

    [Fact]
    public void Dbt_keys_retl_does_not_need_are_accepted()
    {
        var target = Load(Base + "\npassword: p\nthreads: 8\nclient_session_keep_alive: true\nreuse_connections: true\n" +
                          "connect_retries: 5\nconnect_timeout: 30\nretry_on_database_errors: true\nretry_all: false");

        Assert.Equal((5, 30, true, false), (target.ConnectRetries, target.ConnectTimeout, target.RetryOnDatabaseErrors, target.RetryAll));
    }

    [Fact]
    public void Missing_account_is_named_like_dbt_does()
    {
        var error = Refuse("user: retl\ndatabase: analytics\nschema: marts\npassword: p");

        Assert.Equal($"Credentials in profile 'shop', target 'prod' invalid: 'account' is a required property ({Path.Combine(project.ProjectDir, "profiles.yml")})", error.Message);
    }

    [Theory]
    [InlineData("externalbrowser")]
    [InlineData("username_password_mfa")]
    [InlineData("https://myorg.okta.com")]
    public void Interactive_authenticators_are_refused_with_the_supported_list(string authenticator)
    {
        var error = Refuse(Base + $"\nauthenticator: {authenticator}\npassword: hunter2-password");

        Assert.Contains($"profile 'shop', target 'prod' invalid: authenticator '{authenticator}' is not supported", error.Message);
        Assert.Contains("key 'authenticator' in " + Path.Combine(project.ProjectDir, "profiles.yml"), error.Message);
        Assert.Contains("retl supports: key pair (private_key_path or private_key", error.Message);
        Assert.Contains("'programmatic_access_token' with token", error.Message);
        Assert.DoesNotContain("hunter2-password", error.Message);
    }

    [Fact]
    public void A_proxy_is_refused_by_name()
    {
        var error = Refuse(Base + "\npassword: p\nproxy_host: proxy.local\nproxy_port: 3128");

        Assert.Contains("'proxy_host' is not supported", error.Message);
    }

    [Fact]
    public void No_usable_credentials_say_what_to_set()
    {
        var error = Refuse(Base);

        Assert.Contains("no credentials the Snowflake SQL API accepts", error.Message);
        Assert.Contains("Set private_key_path", error.Message);
    }

    [Fact]
    public void OAuth_without_a_token_names_the_token_key_without_leaking_the_client_secret()
    {
        var error = Refuse(Base + "\nauthenticator: oauth\noauth_client_id: cid\noauth_client_secret: client-secret-text");

        Assert.Contains("authenticator 'oauth' needs 'token'", error.Message);
        Assert.DoesNotContain("client-secret-text", error.Message);
    }
}
