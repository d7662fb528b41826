using Azure.Storage.Queues;
using Pipeline.Core.Alerts;

namespace Pipeline.Storage.Queues;

/// <summary>Sends <see cref="NotificationRequest"/> messages to the <c>notifications</c> queue (Base64, for the trigger).</summary>
public sealed class NotificationQueue(StorageClients clients)
{
    private readonly Lazy<Task<QueueClient>> _queue = new(async () =>
    {
        var queue = clients.Queues.GetQueueClient(clients.Prefix + PipelineQueues.Notifications);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        return queue;
    });

    public async Task SendAsync(NotificationRequest request, CancellationToken cancellationToken = default)
    {
        var queue = await _queue.Value.ConfigureAwait(false);
        await queue.SendMessageAsync(AlertJson.Serialize(request), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Receives up to <paramref name="max"/> messages (the CLI drains the queue locally with this).</summary>
    public async Task<IReadOnlyList<(NotificationRequest Request, string MessageId, string PopReceipt)>> ReceiveAsync(int max, CancellationToken cancellationToken = default)
    {
        var queue = await _queue.Value.ConfigureAwait(false);
        var messages = await queue.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        return messages.Value.Select(m => (AlertJson.DeserializeNotification(m.Body.ToString()), m.MessageId, m.PopReceipt)).ToList();
    }

    public async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        var queue = await _queue.Value.ConfigureAwait(false);
        await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
    }
}
