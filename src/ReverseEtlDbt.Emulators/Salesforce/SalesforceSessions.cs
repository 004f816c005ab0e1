using System.Security.Cryptography;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// Access tokens the emulator issued and when each was last used. A token is valid until
/// <see cref="SalesforceEmulatorOptions.SessionTimeout"/> passes without a call (each call resets the timer, on the
/// host's clock), or until a test ends every session.
/// </summary>
internal sealed class SalesforceSessions(SalesforceEmulatorOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> lastUsed = new(StringComparer.Ordinal);
    private readonly List<string> issued = [];
    private int? callsLeft;

    /// <summary>Every access token issued so far, in order (tests search outputs for them).</summary>
    public IReadOnlyList<string> Issued
    {
        get { lock (gate) return issued.ToList(); }
    }

    public string Issue()
    {
        var token = "00DEMULATOR!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=');
        lock (gate)
        {
            lastUsed[token] = time.GetUtcNow();
            issued.Add(token);
        }
        return token;
    }

    /// <summary>Whether <paramref name="token"/> is a live session; using it resets its inactivity timer.</summary>
    public bool Use(string? token)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (token is null || !lastUsed.TryGetValue(token, out var last) || now - last >= options.SessionTimeout) return false;
            lastUsed[token] = now;
            if (callsLeft is { } left && (callsLeft = left - 1) <= 0)
            {
                lastUsed.Clear();
                callsLeft = null;
            }
            return true;
        }
    }

    /// <summary>Ends every session now, as a timeout or an admin's revocation would.</summary>
    public void ExpireAll()
    {
        lock (gate) lastUsed.Clear();
    }

    /// <summary>Every session ends right after the next <paramref name="calls"/> accepted API calls.</summary>
    public void ExpireAfter(int calls)
    {
        lock (gate) callsLeft = Math.Max(1, calls);
    }
}
