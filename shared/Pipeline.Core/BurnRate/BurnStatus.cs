namespace Pipeline.Core.BurnRate;

/// <summary>Status band of a commitment period (ARCHITECTURE §6), most urgent last.</summary>
public enum BurnStatus
{
    /// <summary>The commitment starts after the as-of day.</summary>
    NotStarted,

    /// <summary>The commitment has ended and its last period's amount was reached.</summary>
    Met,

    /// <summary>Burn ratio >= 1.1, or even the pessimistic (p10) forecast reaches the amount.</summary>
    OnTrack,

    /// <summary>Burn ratio between 0.9 and 1.1.</summary>
    Watch,

    /// <summary>The amount is projected to be used up well before the period ends (prepaid credits run out early).</summary>
    ExhaustingEarly,

    /// <summary>Burn ratio below 0.9, or even the optimistic (p90) forecast misses the amount.</summary>
    AtRisk,

    /// <summary>The commitment has ended short of its last period's amount.</summary>
    Shortfall,
}
