namespace Pipeline.Core.Alerts;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
