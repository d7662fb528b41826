using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Costs.Replacement;

/// <summary>
/// Serializes replacements of one (provider, billing account) and lets readers see only committed versions:
/// <list type="bullet">
/// <item>a writer takes the account's head row (a lease, conditional writes), writes its journal, marks it complete,
/// applies it to <c>costs</c> and commits a new version;</item>
/// <item>a reader snapshots the heads (waiting for a live replacement, finishing a dead one), reads, and checks the heads
/// again: if any moved, a replacement ran meanwhile and the read is repeated;</item>
/// <item>a run found dead (lease expired) is finished from its journal when complete, or dropped when not: nothing of it
/// had reached <c>costs</c> yet.</item>
/// </list>
/// </summary>
internal sealed class ReplacementCoordinator(TableClient control, TableClient costs, TimeProvider time)
{
    /// <summary>How long a writer's hold lasts without a heartbeat; a writer renews at a third of it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How long a reader or writer waits for a live replacement before giving up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private readonly ReplacementJournal _journal = new(control);

    public ReplacementJournal Journal => _journal;

    public async Task<ReplacementLease> AcquireAsync(string key, string runId, CancellationToken cancellationToken)
    {
        var wait = new Backoff(time);
        while (true)
        {
            var head = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (head is { IsPending: true })
            {
                if (head.IsStale(now, Lease))
                {
                    await RecoverAsync(head, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await wait.WaitAsync(key, head.PendingRunId!, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var entity = ReplacementHead.Entity(key, head?.Version ?? 0, runId, now, journalComplete: false);
            try
            {
                var response = head is null
                    ? await control.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                    : await control.UpdateEntityAsync(entity, head.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new ReplacementLease(control, time, key, runId, head?.Version ?? 0, response.Headers.ETag ?? default, now);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another run took the head between our read and write: read again.
            }
        }
    }

    /// <summary>
    /// The heads of every account (or one provider's), each idle: live replacements waited for, dead ones finished.
    /// Keyed by head key, valued by ETag, for <see cref="ChangedSinceAsync"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ETag>> SnapshotAsync(string? provider, CancellationToken cancellationToken)
    {
        var wait = new Backoff(time);
        while (true)
        {
            var heads = await ReadAllAsync(provider, cancellationToken).ConfigureAwait(false);
            var pending = heads.FirstOrDefault(h => h.IsPending);
            if (pending is null)
            {
                return heads.ToDictionary(h => h.Key, h => h.ETag, StringComparer.Ordinal);
            }

            if (pending.IsStale(time.GetUtcNow(), Lease))
            {
                await RecoverAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await wait.WaitAsync(pending.Key, pending.PendingRunId!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether any head moved (a replacement started, committed or a new account appeared) since <paramref name="snapshot"/>.</summary>
    public async Task<bool> ChangedSinceAsync(IReadOnlyDictionary<string, ETag> snapshot, string? provider, CancellationToken cancellationToken)
    {
        var heads = await ReadAllAsync(provider, cancellationToken).ConfigureAwait(false);
        return heads.Count != snapshot.Count || heads.Any(h => !snapshot.TryGetValue(h.Key, out var etag) || etag != h.ETag);
    }

    /// <summary>Takes over a dead run's head, finishes its complete journal (or drops an incomplete one) and frees the head.</summary>
    private async Task RecoverAsync(ReplacementHead head, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ReplacementLease lease;
        try
        {
            var response = await control.UpdateEntityAsync(ReplacementHead.Entity(head.Key, head.Version, head.PendingRunId, now, head.JournalComplete), head.ETag,
                TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            lease = new ReplacementLease(control, time, head.Key, head.PendingRunId!, head.Version, response.Headers.ETag ?? default, now);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return; // someone else is recovering it, or it just finished
        }

        if (head.JournalComplete)
        {
            var actions = await _journal.ReadAsync(head.Key, head.PendingRunId!, cancellationToken).ConfigureAwait(false);
            await JournalApplier.ApplyAsync(costs, actions, lease.HeartbeatAsync, cancellationToken).ConfigureAwait(false);
            await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await lease.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }

        await _journal.DeleteAsync(head.Key, head.PendingRunId!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReplacementHead?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await control.GetEntityIfExistsAsync<TableEntity>(ReplacementHead.Partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ReplacementHead.From(response.Value!) : null;
    }

    private async Task<List<ReplacementHead>> ReadAllAsync(string? provider, CancellationToken cancellationToken)
    {
        var filter = provider is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ReplacementHead.Partition}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey eq {ReplacementHead.Partition} and RowKey ge {Tables.TableKey.Escape(provider) + Tables.TableKey.Separator} and RowKey lt {Tables.TableKey.Escape(provider) + "}"}");
        var heads = new List<ReplacementHead>();
        await foreach (var entity in control.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            heads.Add(ReplacementHead.From(entity));
        }

        return heads;
    }

    /// <summary>Polling for a live replacement to finish: 0.2 s doubling to 10 s, for at most <see cref="MaxWait"/>.</summary>
    private sealed class Backoff(TimeProvider time)
    {
        private TimeSpan _delay = TimeSpan.FromMilliseconds(200);
        private TimeSpan _waited;

        public async Task WaitAsync(string key, string runId, CancellationToken cancellationToken)
        {
            if (_waited >= MaxWait)
            {
                throw new CostReplacementInProgressException(key, runId, _waited);
            }

            await Task.Delay(_delay, time, cancellationToken).ConfigureAwait(false);
            _waited += _delay;
            _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }
}
