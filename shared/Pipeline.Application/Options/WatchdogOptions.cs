namespace Pipeline.Application.Options;

/// <summary>The <c>Watchdog</c> settings section.</summary>
public sealed class WatchdogOptions
{
    public const string SectionName = "Watchdog";

    /// <summary>
    /// <c>Watchdog:MaxStalenessHours:{source}</c>: how long a source may go without a successful run.
    /// <c>focus-exports</c> defaults to 48 hours whenever FocusExports:Sources is set.
    /// </summary>
    public Dictionary<string, double> MaxStalenessHours { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
