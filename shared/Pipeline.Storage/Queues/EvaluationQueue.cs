using Azure.Storage.Queues;
using Pipeline.Core.Evaluations;

namespace Pipeline.Storage.Queues;

/// <summary>
/// Sends <see cref="EvaluationRequest"/> messages (Base64, as the queue trigger reads them): cost changes to
/// <c>evaluations</c> (EvaluateCommitment), capacity snapshots to <c>capacity-evaluations</c> (EvaluateCapacity).
/// </summary>
public sealed class EvaluationQueue(StorageClients clients)
{
    private readonly Lazy<Task<QueueClient>> _costs = new(() => CreateAsync(clients, PipelineQueues.Evaluations));
    private readonly Lazy<Task<QueueClient>> _capacity = new(() => CreateAsync(clients, PipelineQueues.CapacityEvaluations));

    public async Task SendAsync(IEnumerable<EvaluationRequest> requests, CancellationToken cancellationToken = default)
    {
        foreach (var request in requests)
        {
            var queue = await (request.Kind == EvaluationRequest.CapacityKind ? _capacity : _costs).Value.ConfigureAwait(false);
            await queue.SendMessageAsync(request.ToJson(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<EvaluationRequest>> PeekAsync(int max = 32, CancellationToken cancellationToken = default)
    {
        var queue = await _costs.Value.ConfigureAwait(false);
        var messages = await queue.PeekMessagesAsync(Math.Min(max, 32), cancellationToken).ConfigureAwait(false);
        return messages.Value.Select(m => EvaluationRequest.FromJson(m.Body.ToString())).ToList();
    }

    private static async Task<QueueClient> CreateAsync(StorageClients clients, string name)
    {
        var queue = clients.Queues.GetQueueClient(clients.Prefix + name);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        return queue;
    }
}
