using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application.Options;

/// <summary>The <c>Anomalies</c> settings section.</summary>
public sealed class AnomalyOptions
{
    public const string SectionName = "Anomalies";

    /// <summary><c>Anomalies:MinZScore</c>: robust z-score a day must reach (default 4).</summary>
    [Range(1.0, 100.0, ErrorMessage = "Anomalies:MinZScore must be between 1 and 100.")]
    public decimal MinZScore { get; set; } = 4m;

    /// <summary><c>Anomalies:MinImpact</c>: how far above the baseline, in the billing currency, a day must be (default 1,000).</summary>
    [Range(0.0, 1e12, ErrorMessage = "Anomalies:MinImpact must be between 0 and 1e12.")]
    public decimal MinImpact { get; set; } = 1_000m;

    /// <summary><c>Anomalies:LookbackDays</c>: only days this recent raise alerts (a backfill does not page for last year).</summary>
    [Range(1, 366, ErrorMessage = "Anomalies:LookbackDays must be between 1 and 366.")]
    public int LookbackDays { get; set; } = 90;
}
