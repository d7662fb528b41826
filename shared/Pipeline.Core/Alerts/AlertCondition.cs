namespace Pipeline.Core.Alerts;

/// <summary>
/// What an evaluation found for one alert identity (<see cref="Rule"/>, <see cref="SubjectKey"/>): how bad, what to
/// say, and a <see cref="Fingerprint"/> of the content that matters (a changed fingerprint is news after the cooldown).
/// </summary>
public sealed record AlertCondition
{
    public required string Rule { get; init; }

    public required string SubjectKey { get; init; }

    public required AlertSeverity Severity { get; init; }

    /// <summary>The email subject: triageable at a glance, e.g. <c>[AT RISK] Azure MACC: projected shortfall $1.2B (-6%)</c>.</summary>
    public required string Title { get; init; }

    /// <summary>One paragraph of plain text.</summary>
    public required string Summary { get; init; }

    /// <summary>Label/value facts shown as a table in the email.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];

    public required string Fingerprint { get; init; }

    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>The day the evaluation that found this condition was as of, when it was as of a day (what a rule's chart draws).</summary>
    public DateOnly? AsOf { get; init; }
}
