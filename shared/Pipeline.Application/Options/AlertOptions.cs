using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application.Options;

/// <summary>The <c>Alerts</c> settings section.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary><c>Alerts:Cooldown</c>: minimum time between two "updated" emails of an unchanged-severity alert.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00", ErrorMessage = "Alerts:Cooldown must be between 0 and 90 days.")]
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromDays(7);
}
