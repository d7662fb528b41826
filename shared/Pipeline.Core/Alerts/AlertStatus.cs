namespace Pipeline.Core.Alerts;

public enum AlertStatus
{
    Open,
    Acknowledged,
    Snoozed,
    Resolved,
}
