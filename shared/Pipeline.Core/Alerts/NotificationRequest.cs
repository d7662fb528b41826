namespace Pipeline.Core.Alerts;

/// <summary>The <c>notifications</c> queue message: send the email for this transition of this alert (once).</summary>
public sealed record NotificationRequest(string Rule, string SubjectKey, string TransitionId);
