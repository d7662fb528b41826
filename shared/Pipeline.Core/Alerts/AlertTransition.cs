namespace Pipeline.Core.Alerts;

/// <summary>Why an alert is (re-)notified.</summary>
public enum AlertTransition
{
    Opened,
    Escalated,
    Updated,
    Reopened,
    Resolved,
}
