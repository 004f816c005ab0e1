using System.Security.Cryptography;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Profiles;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

/// <summary>
/// What a person sees when Snowflake itself refuses (issue 13, errors for people), end to end through the engine
/// against the emulator: one clear error per sync saying what to do, nothing sent, no secret in it.
/// </summary>
public sealed class SnowflakeRunErrorTests
{
    [Fact]
    public async Task A_suspended_warehouse_says_to_resume_it_and_sends_nothing()
    {
        await using var db = await OpenAsync();
        var options = db.SnowflakeEmulator!.Snowflake.Options;
        options.SuspendedWarehouses.Add(options.DefaultWarehouse);

        var (outcome, requests) = await SyncAsync(db, db.OpenAnotherAsync, "RETL_STATE");

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(0, requests);
        Assert.Contains("ALTER WAREHOUSE EMULATOR_WH RESUME", error.Message, StringComparison.Ordinal);
        Assert.Contains("target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_without_privileges_on_the_ledger_schema_is_told_which_grant_it_needs()
    {
        await using var db = await OpenAsync();
        var options = db.SnowflakeEmulator!.Snowflake.Options;
        options.DenySchema(options.DefaultRole, "retl_state"); // the ledger's names are quoted lower case on every warehouse

        var (outcome, requests) = await SyncAsync(db, db.OpenAnotherAsync, "retl_state");

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(0, requests);
        Assert.Contains("GRANT USAGE, CREATE TABLE ON SCHEMA", error.Message, StringComparison.Ordinal);
        Assert.Contains("retl_state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_the_user_has_not_registered_is_refused_with_what_to_check_and_no_secret()
    {
        await using var db = await OpenAsync();
        using var registered = RSA.Create(2048);
        using var other = RSA.Create(2048);
        db.SnowflakeEmulator!.Snowflake.Options.PublicKeyPem = registered.ExportSubjectPublicKeyInfoPem();
        var keyFile = Path.Combine(Path.GetTempPath(), "retl-key-" + Guid.NewGuid().ToString("N") + ".p8");
        const string passphrase = "correct horse battery staple";
        File.WriteAllText(keyFile, other.ExportEncryptedPkcs8PrivateKeyPem(passphrase,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        try
        {
            var target = (SnowflakeProfileTarget)db.Target with
            {
                Credentials = new SnowflakeCredentials.KeyPair(keyFile, null, new Secret(passphrase)),
            };

            var (outcome, requests) = await SyncAsync(db, ct => WarehouseFactory.OpenAsync(target, ct), "RETL_STATE");

            var error = Assert.Single(outcome.Errors);
            Assert.Equal(0, requests);
            Assert.Contains("refused the key-pair JWT for user 'RETL'", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(passphrase, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    private static async Task<TestWarehouse> OpenAsync()
    {
        var db = await TestWarehouse.OpenAsync(WarehouseKind.Snowflake);
        await db.ExecuteAsync("create table scores (customer_id integer, email varchar, score integer); insert into scores values (1, 'a@example.com', 1)");
        return db;
    }

    private static async Task<(SyncOutcome Outcome, int Requests)> SyncAsync(
        TestWarehouse db, Func<CancellationToken, Task<IWarehouse>> open, string stateSchema)
    {
        var emulator = db.SnowflakeEmulator!;
        var plan = EngineOnEveryWarehouseTests.Plan(db, emulator);
        using var http = new HttpClient();
        var engine = new SyncEngine(new SyncEnvironment(open, new EngineOptions { StateSchema = stateSchema }, TimeProvider.System, NoProgress.Instance), http);
        var outcome = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));
        return (outcome, emulator.HubSpot.CountRequests());
    }
}
