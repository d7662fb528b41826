using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads Azure GPU family quotas and capacity reservations and enqueues the capacity evaluation.</summary>
public sealed partial class IngestCapacityAzure(AzureIngestion azure, ILogger<IngestCapacityAzure> logger)
{
    [Function(nameof(IngestCapacityAzure))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityAzure + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!azure.Enabled)
        {
            LogDisabled();
            return [];
        }

        var outcome = await azure.IngestCapacityAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure is not enabled (Azure:Enabled); no capacity to read")]
    private partial void LogDisabled();
}
