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
    public const string CostsAws = "COSTS_AWS_SCHEDULE";
    public const string CapacityAws = "CAPACITY_AWS_SCHEDULE";
    public const string CostsAzure = "COSTS_AZURE_SCHEDULE";
    public const string CapacityAzure = "CAPACITY_AZURE_SCHEDULE";
    public const string CostsGcp = "COSTS_GCP_SCHEDULE";
    public const string CapacityGcp = "CAPACITY_GCP_SCHEDULE";
    public const string CostsOci = "COSTS_OCI_SCHEDULE";
    public const string CapacityOci = "CAPACITY_OCI_SCHEDULE";

    public static readonly IReadOnlyList<string> All = [FocusExports, Watchdog, CommitmentsSync, CostsAws, CapacityAws, CostsAzure, CapacityAzure, CostsGcp, CapacityGcp, CostsOci, CapacityOci];

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
