using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Webhook;

/// <summary>
/// The webhook receiver's state: deliveries stored once per <c>webhook-id</c>, the replays it recognised,
/// the request log, and how it should behave next (<see cref="Options"/>, <see cref="Faults"/>).
/// </summary>
public sealed class WebhookEmulator
{
    private readonly Lock gate = new();
    private readonly List<WebhookDelivery> deliveries = [];
    private readonly List<WebhookRequest> log = [];

    internal WebhookEmulator(WebhookEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
    {
        Options = options;
        Faults = faults;
        Time = time;
    }

    public WebhookEmulatorOptions Options { get; }
    public EmulatorFaults Faults { get; }
    internal TimeProvider Time { get; }

    /// <summary>Accepted deliveries in arrival order, each <c>webhook-id</c> once.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get { lock (gate) return deliveries.ToList(); }
    }

    public IReadOnlyList<WebhookRequest> Requests
    {
        get { lock (gate) return log.ToList(); }
    }

    /// <summary>How many authentic requests repeated a <c>webhook-id</c> already stored.</summary>
    public int DuplicateCount
    {
        get { lock (gate) return log.Count(r => r.Duplicate); }
    }

    public int CountRequests(int? status = null)
    {
        lock (gate) return status is null ? log.Count : log.Count(r => r.Status == status);
    }

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

    internal void Record(WebhookRequest request)
    {
        lock (gate) log.Add(request);
    }
}
