using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application.Options;

/// <summary>The <c>Capacity</c> settings section: thresholds of the GPU capacity alerts.</summary>
public sealed class CapacityOptions
{
    public const string SectionName = "Capacity";

    /// <summary><c>Capacity:QuotaUtilizationThreshold</c>: used / limit that raises a quota alert (default 0.9).</summary>
    [Range(0.01, 1.0, ErrorMessage = "Capacity:QuotaUtilizationThreshold must be between 0.01 and 1.")]
    public decimal QuotaUtilizationThreshold { get; set; } = 0.9m;

    /// <summary><c>Capacity:IdleUtilizationThreshold</c>: reserved capacity used below this share counts as idle (default 0.5).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Capacity:IdleUtilizationThreshold must be between 0 and 1.")]
    public decimal IdleUtilizationThreshold { get; set; } = 0.5m;

    /// <summary><c>Capacity:IdleDays</c>: consecutive days of idleness before an alert (default 3).</summary>
    [Range(1, 60, ErrorMessage = "Capacity:IdleDays must be between 1 and 60.")]
    public int IdleDays { get; set; } = 3;

    /// <summary><c>Capacity:EndingWithinDays</c>: warn this many days before a reservation or capacity block ends (default 14).</summary>
    [Range(1, 365, ErrorMessage = "Capacity:EndingWithinDays must be between 1 and 365.")]
    public int EndingWithinDays { get; set; } = 14;
}
