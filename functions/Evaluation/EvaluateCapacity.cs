using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Capacity;
using Pipeline.Core.Evaluations;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Evaluation;

/// <summary>Consumes <c>capacity-evaluations</c>: headroom, delivery and the GPU capacity alerts after a capacity snapshot.</summary>
public sealed partial class EvaluateCapacity(CapacityEvaluationJob job, ILogger<EvaluateCapacity> logger)
{
    [Function(nameof(EvaluateCapacity))]
    public async Task RunAsync([QueueTrigger(PipelineQueues.CapacityEvaluations)] string message, CancellationToken cancellationToken)
    {
        var request = EvaluationRequest.FromJson(message);
        var report = await job.RunAsync(cancellationToken);
        LogEvaluated(request.ProviderName, report.Headroom.Count, report.NotificationsEnqueued);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Capacity evaluated after a {Provider} snapshot: {Rows} headroom rows, {Notifications} notification(s) enqueued")]
    private partial void LogEvaluated(string provider, int rows, int notifications);
}
