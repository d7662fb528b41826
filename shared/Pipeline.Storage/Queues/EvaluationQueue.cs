using Azure.Storage.Queues;
using Pipeline.Core.Evaluations;

namespace Pipeline.Storage.Queues;

/// <summary>Sends <see cref="EvaluationRequest"/> messages (Base64, as the queue trigger reads them).</summary>
public sealed class EvaluationQueue(StorageClients clients)
{
    private readonly Lazy<Task<QueueClient>> _queue = new(async () =>
    {
        var queue = clients.Queues.GetQueueClient(clients.Prefix + PipelineQueues.Evaluations);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        return queue;
    });

    public async Task SendAsync(IEnumerable<EvaluationRequest> requests, CancellationToken cancellationToken = default)
    {
        var queue = await _queue.Value.ConfigureAwait(false);
        foreach (var request in requests)
        {
            await queue.SendMessageAsync(request.ToJson(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<EvaluationRequest>> PeekAsync(int max = 32, CancellationToken cancellationToken = default)
    {
        var queue = await _queue.Value.ConfigureAwait(false);
        var messages = await queue.PeekMessagesAsync(Math.Min(max, 32), cancellationToken).ConfigureAwait(false);
        return messages.Value.Select(m => EvaluationRequest.FromJson(m.Body.ToString())).ToList();
    }
}
