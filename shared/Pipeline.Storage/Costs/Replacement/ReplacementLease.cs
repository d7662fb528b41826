using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Costs.Replacement;

/// <summary>
/// One run's hold on a head row. Every change of the head is conditional on the ETag this lease last wrote, so a run
/// that stalled past its lease and was taken over finds out at its next heartbeat or commit instead of writing on.
/// </summary>
internal sealed class ReplacementLease(TableClient control, TimeProvider time, string key, string runId, long version, ETag etag, DateTimeOffset renewedAt)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ETag _etag = etag;
    private DateTimeOffset _renewedAt = renewedAt;
    private bool _journalComplete;

    public string Key => key;

    public string RunId => runId;

    /// <summary>Renews the lease when a third of it has passed; throws <see cref="CostReplacementLeaseLostException"/> when another run took over.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _renewedAt < ReplacementCoordinator.Lease / 3)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (now - _renewedAt >= ReplacementCoordinator.Lease / 3)
            {
                await WriteAsync(version, runId, now, _journalComplete, cancellationToken).ConfigureAwait(false);
                _renewedAt = now;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The point of no return: from here on the journal will be applied, by this run or by whoever finds it dead.</summary>
    public async Task MarkJournalCompleteAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await WriteAsync(version, runId, now, journalComplete: true, cancellationToken).ConfigureAwait(false);
        (_journalComplete, _renewedAt) = (true, now);
    }

    /// <summary>Publishes the new version; false when another run took over (it commits the same journal instead).</summary>
    public async Task<bool> CommitAsync(CancellationToken cancellationToken) => await TryWriteAsync(version + 1, cancellationToken).ConfigureAwait(false);

    /// <summary>Gives the head back unchanged (nothing was applied).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken) => await TryWriteAsync(version, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// After a failure with the journal complete: leaves the replacement pending but marks the lease expired, so the
    /// next reader or writer finishes it at once instead of waiting the lease out.
    /// </summary>
    public async Task AbandonAsync()
    {
        try
        {
            await WriteAsync(version, runId, DateTimeOffset.UnixEpoch, _journalComplete, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or CostReplacementLeaseLostException)
        {
        }
    }

    private async Task<bool> TryWriteAsync(long newVersion, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(newVersion, null, null, false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CostReplacementLeaseLostException)
        {
            return false;
        }
    }

    private async Task WriteAsync(long newVersion, string? pending, DateTimeOffset? since, bool journalComplete, CancellationToken cancellationToken)
    {
        try
        {
            var response = await control.UpdateEntityAsync(ReplacementHead.Entity(key, newVersion, pending, since, journalComplete), _etag, TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            _etag = response.Headers.ETag ?? _etag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            throw new CostReplacementLeaseLostException(key, runId);
        }
    }
}
