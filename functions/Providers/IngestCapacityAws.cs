using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads AWS GPU quotas, capacity reservations and Capacity Blocks and enqueues the capacity evaluation.</summary>
public sealed partial class IngestCapacityAws(AwsIngestion aws, ILogger<IngestCapacityAws> logger)
{
    [Function(nameof(IngestCapacityAws))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityAws + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!aws.Enabled)
        {
            LogDisabled();
            return [];
        }

        var outcome = await aws.IngestCapacityAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS is not enabled (Aws:Enabled); no capacity to read")]
    private partial void LogDisabled();
}
