using Azure.Data.Tables;
using Pipeline.Core.Alerts;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Alerts;

internal static class AlertEntityMapper
{
    public static TableEntity ToEntity(AlertState s)
    {
        var entity = new TableEntity(TableKey.Escape(s.Rule), TableKey.Escape(s.SubjectKey))
        {
            ["Rule"] = s.Rule,
            ["SubjectKey"] = s.SubjectKey,
            ["Status"] = s.Status.ToString(),
            ["Severity"] = s.Severity.ToString(),
            ["Title"] = s.Condition.Title,
            ["FirstSeen"] = s.FirstSeen,
            ["LastSeen"] = s.LastSeen,
            ["SnoozedUntil"] = s.SnoozedUntil,
            ["ResolvedAt"] = s.ResolvedAt,
            ["PendingTransitionId"] = s.PendingTransitionId,
            ["PendingTransition"] = s.PendingTransition?.ToString(),
            ["PendingSince"] = s.PendingSince,
            ["SentTransitionId"] = s.SentTransitionId,
            ["LastNotifiedAt"] = s.LastNotifiedAt,
            ["LastNotifiedSeverity"] = s.LastNotifiedSeverity?.ToString(),
            ["LastNotifiedFingerprint"] = s.LastNotifiedFingerprint,
            ["ClaimId"] = s.ClaimId,
            ["ClaimedAt"] = s.ClaimedAt,
            ["Fingerprint"] = s.Condition.Fingerprint,
            ["x_Condition"] = AlertJson.Serialize(s.Condition),
        };
        return entity;
    }

    public static AlertState FromEntity(TableEntity e) => new()
    {
        Rule = e.GetString("Rule"),
        SubjectKey = e.GetString("SubjectKey"),
        Status = Enum.Parse<AlertStatus>(e.GetString("Status")),
        Severity = Enum.Parse<AlertSeverity>(e.GetString("Severity")),
        FirstSeen = e.GetDateTimeOffset("FirstSeen") ?? default,
        LastSeen = e.GetDateTimeOffset("LastSeen") ?? default,
        SnoozedUntil = e.GetDateTimeOffset("SnoozedUntil"),
        ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
        PendingTransitionId = e.GetString("PendingTransitionId"),
        PendingTransition = e.GetString("PendingTransition") is { } t ? Enum.Parse<AlertTransition>(t) : null,
        PendingSince = e.GetDateTimeOffset("PendingSince"),
        SentTransitionId = e.GetString("SentTransitionId"),
        LastNotifiedAt = e.GetDateTimeOffset("LastNotifiedAt"),
        LastNotifiedSeverity = e.GetString("LastNotifiedSeverity") is { } sev ? Enum.Parse<AlertSeverity>(sev) : null,
        LastNotifiedFingerprint = e.GetString("LastNotifiedFingerprint"),
        ClaimId = e.GetString("ClaimId"),
        ClaimedAt = e.GetDateTimeOffset("ClaimedAt"),
        Condition = AlertJson.Deserialize(e.GetString("x_Condition")),
        ETag = e.ETag.ToString(),
    };
}
