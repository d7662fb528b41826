using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Costs.Replacement;

/// <summary>
/// The head row of one (provider, billing account) in <c>costreplacements</c>: the version of its committed costs and,
/// while a replacement runs, which run holds it, since when (the lease) and whether that run's journal is complete.
/// </summary>
internal sealed record ReplacementHead(string Key, long Version, string? PendingRunId, DateTimeOffset? PendingSince, bool JournalComplete, ETag ETag)
{
    public const string Partition = "head";

    public bool IsPending => PendingRunId is not null;

    public bool IsStale(DateTimeOffset now, TimeSpan lease) => IsPending && (PendingSince ?? DateTimeOffset.MinValue) <= now - lease;

    /// <summary>The row key of a (provider, billing account): the same escaped prefix as its <c>costs</c> partitions.</summary>
    public static string KeyOf(string provider, string billingAccountId) => Tables.TableKey.Join(provider, billingAccountId);

    public static ReplacementHead From(TableEntity e) => new(
        e.RowKey, e.GetInt64(nameof(Version)) ?? 0, e.GetString(nameof(PendingRunId)), e.GetDateTimeOffset(nameof(PendingSince)),
        e.GetBoolean(nameof(JournalComplete)) ?? false, e.ETag);

    public static TableEntity Entity(string key, long version, string? pendingRunId, DateTimeOffset? pendingSince, bool journalComplete) => new(Partition, key)
    {
        [nameof(Version)] = version,
        [nameof(PendingRunId)] = pendingRunId,
        [nameof(PendingSince)] = pendingSince,
        [nameof(JournalComplete)] = journalComplete,
    };
}
