using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application.Options;

/// <summary>The <c>Watchdog</c> settings section, validated at start-up like the others.</summary>
public sealed class WatchdogOptions : IValidatableObject
{
    public const string SectionName = "Watchdog";

    /// <summary>
    /// <c>Watchdog:MaxStalenessHours:{source}</c>: how long a source may go without a successful run.
    /// <c>focus-exports</c> defaults to 48 hours whenever FocusExports:Sources is set; each enabled provider's cost
    /// source to 48 hours and its capacity source to 6 hours.
    /// </summary>
    public Dictionary<string, double> MaxStalenessHours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (source, hours) in MaxStalenessHours.Where(e => !double.IsFinite(e.Value) || e.Value <= 0 || e.Value > 24 * 366))
        {
            yield return new ValidationResult($"Watchdog:MaxStalenessHours:{source} = {hours} must be a number of hours between 0 and 8784.", [nameof(MaxStalenessHours)]);
        }
    }
}
