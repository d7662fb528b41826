using Azure;

namespace Pipeline.Storage.Queues;

/// <summary>Depth of the poison queues that the Functions host fills after <c>maxDequeueCount</c> failed attempts.</summary>
public sealed class QueueHealth(StorageClients clients)
{
    public static readonly IReadOnlyList<string> Watched = [PipelineQueues.Evaluations, PipelineQueues.CapacityEvaluations, PipelineQueues.Notifications];

    public async Task<int> PoisonDepthAsync(string queue, CancellationToken cancellationToken = default)
    {
        var client = clients.Queues.GetQueueClient($"{clients.Prefix}{queue}-poison");
        try
        {
            var properties = await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }
}
