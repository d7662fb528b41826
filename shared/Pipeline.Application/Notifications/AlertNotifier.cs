using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core.Alerts;
using Pipeline.Notifications.Charts;
using Pipeline.Notifications.Email;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.BurnRate;

namespace Pipeline.Application.Notifications;

/// <summary>
/// Sends the email for one alert transition exactly once under at-least-once, possibly concurrent, delivery:
/// the sender claims the transition with a conditional write (a lease), sends, then records it as sent with
/// another conditional write. A duplicate sees the claim or the record and does not send.
/// </summary>
public sealed partial class AlertNotifier(
    AlertStore alerts,
    BurnRateStore burnRates,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<AlertNotifier> logger)
{
    /// <summary>How long a claim protects a send in progress; shorter than the queue's total retry span.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(90);

    public async Task<NotificationOutcome> NotifyAsync(NotificationRequest request, string deliveryId, CancellationToken cancellationToken = default)
    {
        AlertState claimed;
        while (true)
        {
            var state = await alerts.GetAsync(request.Rule, request.SubjectKey, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                return NotificationOutcome.Gone;
            }

            if (state.SentTransitionId == request.TransitionId)
            {
                return NotificationOutcome.AlreadySent;
            }

            if (state.PendingTransitionId != request.TransitionId)
            {
                return NotificationOutcome.Superseded;
            }

            var now = time.GetUtcNow();
            if (state.ClaimId is not null && state.ClaimId != deliveryId && state.ClaimedAt > now - ClaimLease)
            {
                throw new AlertSendInProgressException(request.Rule, request.SubjectKey);
            }

            claimed = state with { ClaimId = deliveryId, ClaimedAt = now };
            if (await alerts.TryWriteAsync(claimed, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        var recipients = claimed.Condition.Recipients.Count > 0 ? claimed.Condition.Recipients : options.Value.DefaultRecipients;
        if (recipients.Count == 0)
        {
            LogNoRecipients(request.Rule, request.SubjectKey);
            await MarkSentAsync(request, claimed, cancellationToken).ConfigureAwait(false);
            return NotificationOutcome.NoRecipients;
        }

        var chart = await ChartAsync(claimed.Condition, cancellationToken).ConfigureAwait(false);
        var email = AlertEmailRenderer.Render(claimed, claimed.PendingTransition ?? AlertTransition.Updated, request.TransitionId, recipients, chart);
        await sender.SendAsync(email, cancellationToken).ConfigureAwait(false);
        await MarkSentAsync(request, claimed, cancellationToken).ConfigureAwait(false);
        LogSent(request.Rule, request.SubjectKey, claimed.PendingTransition, recipients.Count);
        return NotificationOutcome.Sent;
    }

    private async Task MarkSentAsync(NotificationRequest request, AlertState claimed, CancellationToken cancellationToken)
    {
        // The email is out: record it even if an evaluation touched the row meanwhile (re-read and re-apply).
        var notified = claimed.Condition;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = attempt == 0 ? claimed : await alerts.GetAsync(request.Rule, request.SubjectKey, CancellationToken.None).ConfigureAwait(false);
            if (current is null)
            {
                return;
            }

            var sent = current with
            {
                SentTransitionId = request.TransitionId,
                LastNotifiedAt = time.GetUtcNow(),
                LastNotifiedSeverity = notified.Severity,
                LastNotifiedFingerprint = notified.Fingerprint,
                ClaimId = null,
                ClaimedAt = null,
            };
            if (await alerts.TryWriteAsync(sent, CancellationToken.None).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Alert {request.Rule} / {request.SubjectKey}: the email was sent but could not be recorded as sent.");
    }

    private async Task<byte[]?> ChartAsync(AlertCondition condition, CancellationToken cancellationToken)
    {
        if (condition.ChartCommitmentId is not { } id || condition.ChartAsOf is not { } asOf)
        {
            return null;
        }

        var snapshot = await burnRates.GetAsync(id, asOf, cancellationToken).ConfigureAwait(false);
        return snapshot is null ? null : BurnChartRenderer.Render(snapshot, condition.ChartTitle ?? id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Rule} / {SubjectKey}: {Transition} email sent to {RecipientCount} recipient(s)")]
    private partial void LogSent(string rule, string subjectKey, AlertTransition? transition, int recipientCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Rule} / {SubjectKey} has no owners and Email:DefaultRecipients is empty; nothing sent")]
    private partial void LogNoRecipients(string rule, string subjectKey);
}
