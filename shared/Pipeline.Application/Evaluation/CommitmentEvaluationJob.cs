using Pipeline.Application.Alerts;
using Pipeline.Application.Anomalies;
using Pipeline.Core.Alerts;
using Pipeline.Core.Evaluations;

namespace Pipeline.Application.Evaluation;

/// <summary>
/// One evaluation pass (the <c>EvaluateCommitment</c> queue function and <c>./run.sh evaluate</c>): burn rates for
/// the affected commitments, then their alerts: burn status, data quality where a rate was missing, and spend spikes.
/// </summary>
public sealed class CommitmentEvaluationJob(CommitmentEvaluator evaluator, SpendAnomalyJob anomalies, AlertService alerts)
{
    public async Task<EvaluationReport> RunAsync(EvaluationRequest? request, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var evaluations = await evaluator.EvaluateAsync(request, asOf, cancellationToken).ConfigureAwait(false);
        var evaluated = evaluations.Where(e => e.Snapshot is not null).ToList();
        var burn = evaluated.Select(e => BurnAlertRules.For(e.Commitment, e.Snapshot!)).OfType<AlertCondition>().ToList();
        var notifications = await alerts.ApplyAsync(BurnAlertRules.Rule, evaluated.Select(e => e.Commitment.Id).ToList(), burn, cancellationToken)
            .ConfigureAwait(false);

        var missing = evaluations.Where(e => e.Problem is not null).Select(e => BurnAlertRules.MissingRates(e.Commitment, e.Problem!)).ToList();
        notifications += await alerts.ApplyAsync(BurnAlertRules.FxRule, evaluations.Select(e => e.Commitment.Id).ToList(), missing, cancellationToken)
            .ConfigureAwait(false);
        notifications += await anomalies.RunAsync(request, asOf, cancellationToken).ConfigureAwait(false);
        return new EvaluationReport(evaluations, notifications);
    }
}
