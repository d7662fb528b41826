namespace Pipeline.Core.Alerts;

/// <summary>The stored state of one alert (a row of the <c>alerts</c> table).</summary>
public sealed record AlertState
{
    public required string Rule { get; init; }

    public required string SubjectKey { get; init; }

    public required AlertStatus Status { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The latest content found by an evaluation (what an email would say now).</summary>
    public required AlertCondition Condition { get; init; }

    public DateTimeOffset? SnoozedUntil { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The notification decided but maybe not sent yet; equal to <see cref="SentTransitionId"/> once sent.</summary>
    public string? PendingTransitionId { get; init; }

    public AlertTransition? PendingTransition { get; init; }

    public DateTimeOffset? PendingSince { get; init; }

    public string? SentTransitionId { get; init; }

    public DateTimeOffset? LastNotifiedAt { get; init; }

    public AlertSeverity? LastNotifiedSeverity { get; init; }

    public string? LastNotifiedFingerprint { get; init; }

    /// <summary>A sender's claim on the pending transition (lease), so concurrent deliveries send one email.</summary>
    public string? ClaimId { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>Opaque concurrency token of the stored row.</summary>
    public string? ETag { get; init; }

    public bool HasUnsentTransition => PendingTransitionId is not null && PendingTransitionId != SentTransitionId;
}
