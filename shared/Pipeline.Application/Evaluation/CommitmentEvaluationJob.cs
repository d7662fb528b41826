using Pipeline.Application.Anomalies;

namespace Pipeline.Application.Evaluation;

/// <summary>
/// One evaluation pass (the <c>EvaluateCommitment</c> queue function and <c>./run.sh evaluate</c>): burn rates for
/// the affected commitments, then the alert rules registered for the pass (burn status, data quality where a rate was
/// missing), then spend spikes.
/// </summary>
public sealed class CommitmentEvaluationJob(CommitmentEvaluator evaluator, SpendAnomalyJob anomalies, AlertService alerts, IEnumerable<IAlertRule<CommitmentPass>> rules)
{
    public async Task<EvaluationReport> RunAsync(EvaluationRequest? request, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var evaluations = await evaluator.EvaluateAsync(request, asOf, cancellationToken).ConfigureAwait(false);
        var notifications = await alerts.ApplyRulesAsync(rules, new CommitmentPass(evaluations), cancellationToken).ConfigureAwait(false);
        notifications += await anomalies.RunAsync(request, asOf, cancellationToken).ConfigureAwait(false);
        return new EvaluationReport(evaluations, notifications);
    }
}
