using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads Compute Engine GPU quotas and reservations and enqueues the capacity evaluation.</summary>
public sealed partial class IngestCapacityGcp(GcpIngestion gcp, ILogger<IngestCapacityGcp> logger)
{
    [Function(nameof(IngestCapacityGcp))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityGcp + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!gcp.Enabled)
        {
            LogDisabled();
            return [];
        }

        var outcome = await gcp.IngestCapacityAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Google Cloud is not enabled (Gcp:Enabled); no capacity to read")]
    private partial void LogDisabled();
}
