namespace Pipeline.Application.Alerts;

/// <summary>
/// The subjects one evaluation looked at. <see cref="Complete"/>: the input is the whole population (the latest
/// capacity snapshot), so an open alert whose subject is not in it any more (a reservation that ended) resolves too;
/// otherwise only the listed subjects are touched (a re-evaluation of one billing account leaves the others alone).
/// </summary>
public sealed record AlertScope(IReadOnlyCollection<string> Subjects, bool Complete = false);
