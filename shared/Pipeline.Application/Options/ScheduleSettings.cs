using Cronos;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Application.Options;

/// <summary>
/// Timer schedules are app settings referenced as <c>%NAME%</c> by the trigger attributes. They are checked at
/// start-up so that a typo fails the deployment loudly instead of silently never firing.
/// </summary>
public static class ScheduleSettings
{
    public const string FocusExports = "FOCUS_EXPORTS_SCHEDULE";
    public const string Watchdog = "WATCHDOG_SCHEDULE";
    public const string CommitmentsSync = "COMMITMENTS_SYNC_SCHEDULE";

    /// <summary>The pipeline's own timers, then each registered provider's cost and capacity timers.</summary>
    public static readonly IReadOnlyList<string> All =
        [FocusExports, Watchdog, CommitmentsSync, .. Ingestion.ProviderModules.Identities.SelectMany(p => new[] { p.CostSchedule, p.CapacitySchedule })];

    /// <summary>Every problem with the schedule settings, each naming its setting.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var name in All)
        {
            var value = configuration[name];
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"App setting {name} is missing: set an NCRONTAB schedule such as '0 0 6 * * *'.");
                continue;
            }

            try
            {
                CronExpression.Parse(value, CronFormat.IncludeSeconds);
            }
            catch (CronFormatException ex)
            {
                problems.Add($"App setting {name} = '{value}' is not a 6-field NCRONTAB schedule: {ex.Message}");
            }
        }

        return problems;
    }
}
