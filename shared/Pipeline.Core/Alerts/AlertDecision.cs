namespace Pipeline.Core.Alerts;

/// <summary>The new state to store and, when not null, the transition to enqueue for sending.</summary>
public sealed record AlertDecision(AlertState State, string? EnqueueTransitionId);
