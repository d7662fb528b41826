using Pipeline.Notifications.Charts;
using Pipeline.Storage.BurnRate;
using Pipeline.Storage.Commitments;

namespace Pipeline.Application.Alerts;

/// <summary>
/// The burn chart of a <c>commitment-burn</c> email: the stored snapshot of the commitment (the alert's subject) as of
/// the evaluated day, titled with the commitment's name. An alert stored before conditions carried their day falls back
/// to the day before it was last seen, the as-of day of a daily run.
/// </summary>
public sealed class CommitmentBurnChart(BurnRateStore burnRates, CommitmentStore commitments) : IAlertChart
{
    public string RuleId => CommitmentBurnRule.RuleId;

    public async Task<byte[]?> RenderAsync(AlertState alert, CancellationToken cancellationToken)
    {
        var asOf = alert.Condition.AsOf ?? DateOnly.FromDateTime(alert.LastSeen.UtcDateTime).AddDays(-1);
        var snapshot = await burnRates.GetAsync(alert.SubjectKey, asOf, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return null;
        }

        var title = alert.SubjectKey;
        await foreach (var commitment in commitments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (commitment.Id == alert.SubjectKey)
            {
                title = commitment.Name;
                break;
            }
        }

        return BurnChartRenderer.Render(snapshot, title);
    }
}
