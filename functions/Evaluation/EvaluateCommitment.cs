using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Evaluation;
using Pipeline.Core.Evaluations;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Evaluation;

/// <summary>
/// Consumes <c>evaluations</c>: re-evaluates the commitments that the changed provider account feeds, writes their
/// <c>burnrate</c> rows and drives their alerts. Safe to run twice for the same message.
/// </summary>
public sealed partial class EvaluateCommitment(CommitmentEvaluationJob job, ILogger<EvaluateCommitment> logger)
{
    [Function(nameof(EvaluateCommitment))]
    public async Task RunAsync([QueueTrigger(PipelineQueues.Evaluations)] string message, CancellationToken cancellationToken)
    {
        var request = EvaluationRequest.FromJson(message);
        var report = await job.RunAsync(request, asOf: null, cancellationToken);
        LogEvaluated(request.ProviderName, request.BillingAccountId, report.Commitments.Count, report.NotificationsEnqueued);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluated {Count} commitment(s) for {Provider} / {BillingAccountId}; {Notifications} notification(s) enqueued")]
    private partial void LogEvaluated(string provider, string billingAccountId, int count, int notifications);
}
