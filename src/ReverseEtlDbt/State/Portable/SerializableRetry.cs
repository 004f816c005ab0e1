using System.Data.Common;

namespace ReverseEtlDbt.State.Portable;

/// <summary>
/// Reruns a ledger transaction that the warehouse aborted for a serialization conflict. Redshift runs every write
/// serializable and aborts one of two concurrent writers to a table ("ERROR: 1023 DETAIL: Serializable isolation
/// violation"); its documented remedy is to retry the transaction (WAREHOUSES.md §5). PostgreSQL reports the same
/// class as SQLSTATE 40001. Other errors pass through at once.
/// </summary>
internal static class SerializableRetry
{
    internal const int Attempts = 5;

    public static async Task RunAsync(Func<Task> transaction, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transaction();
                return;
            }
            catch (DbException e) when (attempt < Attempts && IsSerializationFailure(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (1 << attempt)), time, cancellationToken);
            }
        }
    }

    internal static bool IsSerializationFailure(DbException e) =>
        e.SqlState == "40001"
        || e.Message.Contains("1023", StringComparison.Ordinal) && e.Message.Contains("Serializable isolation violation", StringComparison.OrdinalIgnoreCase);
}
