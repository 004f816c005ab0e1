namespace ReverseEtlDbt.Warehouse.Snowflake.Auth;

/// <summary>
/// The bearer token of every SQL API request and its <c>X-Snowflake-Authorization-Token-Type</c>. A source caches its
/// token; <see cref="Invalidate"/> after a 401 makes the next <see cref="GetTokenAsync"/> mint or fetch a fresh one.
/// </summary>
public interface ISnowflakeTokenSource
{
    /// <summary><c>KEYPAIR_JWT</c>, <c>OAUTH</c> or <c>PROGRAMMATIC_ACCESS_TOKEN</c>.</summary>
    string TokenType { get; }

    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    void Invalidate();

    /// <summary>What the user should check when Snowflake refuses the token twice (never the token itself).</summary>
    string WhatToCheck { get; }
}
