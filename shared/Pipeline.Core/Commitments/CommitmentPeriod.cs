namespace Pipeline.Core.Commitments;

/// <summary>One term of a commitment: [Start, End) with the amount to consume in it. Several periods express a ramp.</summary>
public sealed record CommitmentPeriod(DateOnly Start, DateOnly End, decimal Amount)
{
    public int Days => End.DayNumber - Start.DayNumber;

    public bool Contains(DateOnly day) => day >= Start && day < End;
}
