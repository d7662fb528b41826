using Pipeline.Storage.Commitments;

namespace Pipeline.Application.Commitments;

/// <summary>
/// Keeps provider-reported commitments (Azure MACC lots, OCI Universal Credits) in the <c>commitments</c> table. A
/// commitment the file does not define is stored as provider-sourced; one the file defines keeps the file's definition
/// (ramp, owners, eligibility) and only takes the balance and used amount the provider reports, for reconciliation.
/// Idempotent: a re-run upserts the same rows.
/// </summary>
public sealed class ProviderCommitmentSync(CommitmentStore commitments)
{
    public async Task<int> SyncAsync(IReadOnlyList<Commitment> reported, CancellationToken cancellationToken = default)
    {
        var fromFile = new Dictionary<string, Commitment>(StringComparer.OrdinalIgnoreCase);
        await foreach (var existing in commitments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (existing.Origin == "file")
            {
                fromFile[existing.Id] = existing;
            }
        }

        foreach (var commitment in reported)
        {
            var stored = fromFile.TryGetValue(commitment.Id, out var file)
                ? file with { ReportedBalance = commitment.ReportedBalance, ReportedBalanceAsOf = commitment.ReportedBalanceAsOf, ReportedUsed = commitment.ReportedUsed }
                : commitment;
            await commitments.UpsertAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        return reported.Count;
    }
}
