namespace ReverseEtlDbt.Emulators.Webhook;

/// <summary>One request the receiver got. <see cref="Status"/> 0 means the connection was dropped.</summary>
public sealed record WebhookRequest(DateTimeOffset At, string Path, string? WebhookId, int Status, bool Duplicate = false) : IEmulatorRequest;
