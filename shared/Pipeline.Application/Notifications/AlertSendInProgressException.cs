namespace Pipeline.Application.Notifications;

/// <summary>
/// Another delivery holds a fresh claim on this transition. Thrown so the queue retries the message later: by
/// then the other sender has finished (and this delivery sees AlreadySent) or its lease has expired.
/// </summary>
public sealed class AlertSendInProgressException(string rule, string subjectKey)
    : Exception($"Alert {rule} / {subjectKey} is being sent by another delivery; retry later.");
