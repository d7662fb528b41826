using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Notifications;
using Pipeline.Core.Alerts;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Notifications;

/// <summary>
/// Consumes <c>notifications</c>: sends the alert email for one transition, once, even when the message is
/// delivered twice or concurrently (see <see cref="AlertNotifier"/>).
/// </summary>
public sealed partial class SendAlert(AlertNotifier notifier, ILogger<SendAlert> logger)
{
    [Function(nameof(SendAlert))]
    public async Task RunAsync([QueueTrigger(PipelineQueues.Notifications)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var request = AlertJson.DeserializeNotification(message);
        var outcome = await notifier.NotifyAsync(request, context.InvocationId, cancellationToken);
        LogOutcome(request.Rule, request.SubjectKey, request.TransitionId, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Rule} / {SubjectKey} / {TransitionId}: {Outcome}")]
    private partial void LogOutcome(string rule, string subjectKey, string transitionId, NotificationOutcome outcome);
}
