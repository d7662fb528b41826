namespace Pipeline.Application.Notifications;

public enum NotificationOutcome
{
    Sent,

    /// <summary>This transition was already sent (a redelivered or duplicated message).</summary>
    AlreadySent,

    /// <summary>A newer transition replaced this one; its own message sends the current content.</summary>
    Superseded,

    /// <summary>The alert row no longer exists.</summary>
    Gone,

    /// <summary>No owners and no Email:DefaultRecipients: nothing to send to.</summary>
    NoRecipients,
}
