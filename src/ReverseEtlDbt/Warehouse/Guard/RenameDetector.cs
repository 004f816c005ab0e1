namespace ReverseEtlDbt.Warehouse.Guard;

/// <summary>
/// Guesses which unknown relation column a missing contract column was renamed to, for the hint
/// "renamed to X?". Only columns of the same type are candidates; with several, the one at the same
/// position wins, then the closest name. A guess is only a hint: the sync stops either way.
/// </summary>
internal static class RenameDetector
{
    public static WarehouseColumn? Guess(
        string missingColumn, string? contractType, int contractIndex,
        IReadOnlyList<WarehouseColumn> relationColumns, IReadOnlyCollection<WarehouseColumn> unknownColumns)
    {
        var candidates = unknownColumns
            .Where(c => contractType is null || DataTypeNormalizer.AreEquivalent(contractType, c.DataType))
            .ToList();
        if (candidates.Count <= 1) return candidates.FirstOrDefault();

        var samePosition = contractIndex < relationColumns.Count ? relationColumns[contractIndex] : null;
        if (samePosition is not null && candidates.Contains(samePosition)) return samePosition;

        var closest = candidates.MinBy(c => Distance(missingColumn.ToLowerInvariant(), c.Name.ToLowerInvariant()))!;
        return Distance(missingColumn.ToLowerInvariant(), closest.Name.ToLowerInvariant())
            <= Math.Max(missingColumn.Length, closest.Name.Length) / 2 ? closest : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }

        return previous[b.Length];
    }
}
