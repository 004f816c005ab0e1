namespace DbtStandIn.Build;

/// <summary>A model failed in a way dbt reports as the node's error (contract mismatch, injected failure).</summary>
public sealed class ModelException(string message) : Exception(message);
