using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Snowflake.Auth;

/// <summary>A token retl cannot renew (an OAuth access token, a programmatic access token, a JWT signed elsewhere): sent as given.</summary>
public sealed class StaticTokenSource(Secret token, string tokenType, string whatToCheck) : ISnowflakeTokenSource
{
    public string TokenType => tokenType;

    public string WhatToCheck => whatToCheck;

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token.Reveal());

    public void Invalidate()
    {
    }
}
