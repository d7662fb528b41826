using Pipeline.Notifications.Email;
using Pipeline.Storage.Alerts;

namespace Pipeline.Application.Notifications;

/// <summary>
/// Sends the email for one alert transition exactly once under at-least-once, possibly concurrent, delivery:
/// the sender claims the transition with a conditional write (a lease of <see cref="ClaimLease"/>), sends within
/// <see cref="SendTimeout"/> (well inside the lease, so no other delivery can claim while this one may still deliver),
/// then records it as sent with a write conditional on its own claim. A duplicate sees the claim or the record and does
/// not send. A send that fails or times out gives the claim back at once, so the queue's next attempt can send.
/// </summary>
public sealed partial class AlertNotifier(
    AlertStore alerts,
    IEnumerable<IAlertChart> charts,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<AlertNotifier> logger)
{
    /// <summary>How long a claim protects a send in progress; shorter than the queue's total retry span.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(90);

    /// <summary>The longest one send may take (connection, TLS, authentication, transfer, the sender's own retries).</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

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

            if (await alerts.TryReplaceAsync(state with { ClaimId = deliveryId, ClaimedAt = now }, cancellationToken).ConfigureAwait(false) is { } written)
            {
                claimed = written;
                break;
            }
        }

        IReadOnlyList<string> recipients;
        try
        {
            recipients = Recipients(request, claimed.Condition.Recipients);
            if (recipients.Count == 0)
            {
                LogNoRecipients(request.Rule, request.SubjectKey);
                await MarkSentAsync(request, claimed, deliveryId).ConfigureAwait(false);
                return NotificationOutcome.NoRecipients;
            }

            var chart = await ChartAsync(claimed, cancellationToken).ConfigureAwait(false);
            var email = AlertEmailRenderer.Render(claimed, claimed.PendingTransition ?? AlertTransition.Updated, request.TransitionId, recipients, chart);
            await SendBoundedAsync(request, email, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Not sent: give the claim back so the queue's retry (or a concurrent delivery) can send without waiting it out.
            await ReleaseClaimAsync(request, claimed, deliveryId).ConfigureAwait(false);
            throw;
        }

        await MarkSentAsync(request, claimed, deliveryId).ConfigureAwait(false);
        LogSent(request.Rule, request.SubjectKey, claimed.PendingTransition, recipients.Count);
        return NotificationOutcome.Sent;
    }

    /// <summary>The alert's owners, else the default recipients; an address the sender could not use is skipped, not the email.</summary>
    private List<string> Recipients(NotificationRequest request, IReadOnlyList<string> owners)
    {
        var valid = new List<string>();
        foreach (var address in owners)
        {
            if (EmailAddressRules.IsValid(address))
            {
                valid.Add(address);
            }
            else
            {
                LogSkippedRecipient(request.Rule, request.SubjectKey, address);
            }
        }

        return valid.Count > 0 ? valid : options.Value.DefaultRecipients.Where(EmailAddressRules.IsValid).ToList();
    }

    private async Task SendBoundedAsync(NotificationRequest request, EmailMessage email, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(SendTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await sender.SendAsync(email, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Alert {request.Rule} / {request.SubjectKey}: the email was not sent within {SendTimeout.TotalSeconds:0} s; the queue retries it.");
        }
    }

    private async Task ReleaseClaimAsync(NotificationRequest request, AlertState claimed, string deliveryId)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = attempt == 0 ? claimed : await alerts.GetAsync(request.Rule, request.SubjectKey, CancellationToken.None).ConfigureAwait(false);
            if (current is null || current.ClaimId != deliveryId)
            {
                return;
            }

            try
            {
                if (await alerts.TryWriteAsync(current with { ClaimId = null, ClaimedAt = null }, CancellationToken.None).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Azure.RequestFailedException)
            {
                return; // storage unreachable too: the claim simply expires
            }
        }
    }

    private async Task MarkSentAsync(NotificationRequest request, AlertState claimed, string deliveryId)
    {
        // The email is out: record it even if an evaluation touched the row meanwhile (re-read and re-apply). Only this
        // delivery's claim is cleared; a claim another delivery took meanwhile is left for it to settle.
        var notified = claimed.Condition;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = attempt == 0 ? claimed : await alerts.GetAsync(request.Rule, request.SubjectKey, CancellationToken.None).ConfigureAwait(false);
            if (current is null)
            {
                return;
            }

            var ours = current.ClaimId is null || current.ClaimId == deliveryId;
            if (!ours)
            {
                LogClaimTaken(request.Rule, request.SubjectKey, current.ClaimId!);
            }

            var sent = current with
            {
                SentTransitionId = request.TransitionId,
                LastNotifiedAt = time.GetUtcNow(),
                LastNotifiedSeverity = notified.Severity,
                LastNotifiedFingerprint = notified.Fingerprint,
                ClaimId = ours ? null : current.ClaimId,
                ClaimedAt = ours ? null : current.ClaimedAt,
            };
            if (await alerts.TryWriteAsync(sent, CancellationToken.None).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Alert {request.Rule} / {request.SubjectKey}: the email was sent but could not be recorded as sent.");
    }

    /// <summary>The chart registered for the alert's rule, if any.</summary>
    private async Task<byte[]?> ChartAsync(AlertState alert, CancellationToken cancellationToken) =>
        charts.FirstOrDefault(c => c.RuleId == alert.Rule) is { } chart ? await chart.RenderAsync(alert, cancellationToken).ConfigureAwait(false) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Rule} / {SubjectKey}: {Transition} email sent to {RecipientCount} recipient(s)")]
    private partial void LogSent(string rule, string subjectKey, AlertTransition? transition, int recipientCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Rule} / {SubjectKey} has no owners and Email:DefaultRecipients is empty; nothing sent")]
    private partial void LogNoRecipients(string rule, string subjectKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Rule} / {SubjectKey}: skipping recipient '{Address}', which is not a single email address")]
    private partial void LogSkippedRecipient(string rule, string subjectKey, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Rule} / {SubjectKey}: recorded as sent while delivery {OtherDelivery} holds a claim; it finds the transition sent")]
    private partial void LogClaimTaken(string rule, string subjectKey, string otherDelivery);
}
