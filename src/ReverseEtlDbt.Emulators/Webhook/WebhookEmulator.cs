using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Webhook;

/// <summary>
/// The webhook receiver's state: deliveries stored once per <c>webhook-id</c>, the replays it recognised,
/// the request log, and how it should behave next (options and faults). Routes: <c>/webhook</c> and any path below it.
/// </summary>
public sealed class WebhookEmulator : Emulator<WebhookEmulatorOptions, WebhookRequest>
{
    private readonly Lock gate = new();
    private readonly List<WebhookDelivery> deliveries = [];

    internal WebhookEmulator(WebhookEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
        : base(options, faults, time)
    {
    }

    public override int ListingOrder => 30;

    public override void Map(IEndpointRouteBuilder routes) => routes.MapWebhook(this);

    public override string Describe(Uri baseUrl) =>
        $"Webhook receiver: {Url(baseUrl)} (secret: {Options.Secret ?? "none, unsigned accepted"})";

    /// <summary>The receiver's URL on a host at <paramref name="baseUrl"/>.</summary>
    public static Uri Url(Uri baseUrl) => new(baseUrl, "webhook");

    /// <summary>Accepted deliveries in arrival order, each <c>webhook-id</c> once.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get { lock (gate) return deliveries.ToList(); }
    }

    /// <summary>How many authentic requests repeated a <c>webhook-id</c> already stored.</summary>
    public int DuplicateCount => Requests.Count(r => r.Duplicate);

    private int answersToLose;

    /// <summary>
    /// The next <paramref name="count"/> authentic deliveries are stored (when new) and then their connection is dropped
    /// without an answer: the receiver has the delivery but the sender cannot know it (a network cut, or a runner killed
    /// between "receiver stored" and "state committed"). Once they are used up, a replay is answered as a duplicate.
    /// </summary>
    public void LoseAnswersAfterStoring(int count)
    {
        lock (gate) answersToLose = count;
    }

    /// <summary>Whether the answer to the delivery just stored is to be lost (consumes one).</summary>
    internal bool TakeLostAnswer()
    {
        lock (gate)
        {
            if (answersToLose <= 0) return false;
            answersToLose--;
            return true;
        }
    }

    /// <summary>The stored delivery with this id, if any.</summary>
    public WebhookDelivery? Find(string webhookId)
    {
        lock (gate) return deliveries.FirstOrDefault(d => d.Id == webhookId);
    }

    /// <summary>Stores the delivery unless its id is known; returns the delivery stored first under that id, or null.</summary>
    internal WebhookDelivery? StoreOnce(WebhookDelivery delivery)
    {
        lock (gate)
        {
            if (deliveries.FirstOrDefault(d => d.Id == delivery.Id) is { } first) return first;
            deliveries.Add(delivery);
            return null;
        }
    }
}
