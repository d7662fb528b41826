using Pipeline.Storage.Commitments;

namespace Pipeline.Application.Commitments;

/// <summary>
/// Makes the <c>commitments</c> table match a commitments file: the whole file is validated first (any problem
/// rejects it, nothing is written); then every commitment is upserted and file-sourced commitments that the file
/// no longer lists are removed. Provider-sourced commitments (e.g. MACC from Azure) are left alone. Idempotent.
/// </summary>
public sealed partial class CommitmentImport(CommitmentStore store, ILogger<CommitmentImport> logger)
{
    public async Task<(int Upserted, int Removed)> ImportAsync(string json, CancellationToken cancellationToken = default)
    {
        var commitments = CommitmentFileParser.Parse(json);
        var ids = commitments.Select(c => (c.ProviderName, c.Id)).ToHashSet();
        var stale = new List<Commitment>();
        var reported = new Dictionary<(string, string), (decimal? Balance, DateOnly? AsOf, decimal? Used)>();
        await foreach (var existing in store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (existing.Origin == "file" && !ids.Contains((existing.ProviderName, existing.Id)))
            {
                stale.Add(existing);
            }

            reported[(existing.ProviderName, existing.Id)] = (existing.ReportedBalance, existing.ReportedBalanceAsOf, existing.ReportedUsed);
        }

        foreach (var commitment in commitments)
        {
            // The balance a provider reports (MACC lots) is not in the file: an import must not erase it.
            var (balance, asOf, used) = reported.GetValueOrDefault((commitment.ProviderName, commitment.Id));
            await store.UpsertAsync(commitment with { ReportedBalance = balance, ReportedBalanceAsOf = asOf, ReportedUsed = used }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var commitment in stale)
        {
            await store.DeleteAsync(commitment, cancellationToken).ConfigureAwait(false);
        }

        LogImported(commitments.Count, stale.Count);
        return (commitments.Count, stale.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} commitments, removed {Removed} no longer in the file")]
    private partial void LogImported(int count, int removed);
}
