using System.Globalization;
using Pipeline.Core.Alerts;
using Pipeline.Core.Capacity;
using Pipeline.Core.Commitments;
using Pipeline.Core.Text;

namespace Pipeline.Application.Capacity;

/// <summary>The GPU capacity alert rules (ARCHITECTURE §7), each producing conditions for the shared alert machinery.</summary>
public static class CapacityAlertRules
{
    public const string QuotaRule = "gpu-quota-utilization";
    public const string IdleRule = "gpu-reservation-idle";
    public const string EndingRule = "gpu-reservation-ending";
    public const string DeliveryRule = "gpu-delivery-behind";

    public static string Subject(CapacityRecord r) =>
        string.Join('|', new[] { r.ProviderName, r.SubAccountId, r.RegionId, r.Family, r.ResourceId }.Where(p => p is not null));

    public static AlertCondition? QuotaUtilization(CapacityRecord r, decimal threshold)
    {
        if (r.Kind != CapacityKind.Quota || r.Spot || r.Utilization is not { } utilization || utilization < threshold)
        {
            return null;
        }

        var gpus = r.GpusLimit is { } limit ? $" ({r.GpusUsed:0} of {limit:0} GPUs)" : string.Empty;
        return new AlertCondition
        {
            Rule = QuotaRule,
            SubjectKey = Subject(r),
            Severity = utilization >= 1m ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"[GPU QUOTA] {r.ProviderName} {r.RegionId} {r.Family}: {PercentFormat.Whole(utilization)} used{gpus}",
            Summary = $"{r.AcceleratorModel} quota {r.Family} in {r.ProviderName} {r.RegionId} (account {r.SubAccountId}) is {PercentFormat.Whole(utilization)} used: "
                      + $"{r.Used:0} of {r.Limit:0} {Unit(r.Unit)}. New {r.AcceleratorModel} capacity there will fail to launch; request a quota increase.",
            Facts = Facts(r),
            Fingerprint = Math.Round(utilization, 2).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <param name="history">This reservation's daily snapshots of the last idle-window days, any order.</param>
    public static AlertCondition? Idle(CapacityRecord r, IReadOnlyList<CapacityRecord> history, decimal threshold, int days)
    {
        if (r.Kind == CapacityKind.Quota || r.Limit <= 0 || r.Utilization is not { } now || now >= threshold || history.Count < days
            || history.Any(h => h.Utilization is not { } u || u >= threshold))
        {
            return null;
        }

        return new AlertCondition
        {
            Rule = IdleRule,
            SubjectKey = Subject(r),
            Severity = AlertSeverity.Warning,
            Title = $"[IDLE GPUs] {r.ProviderName} {r.RegionId} {r.Family} {r.ResourceId}: {PercentFormat.Whole(now)} used for {days}+ days",
            Summary = $"Reserved {r.AcceleratorModel} capacity {r.ResourceId} ({r.Limit:0} x {r.Family}, {r.GpusLimit:0} GPUs) has been under {PercentFormat.Whole(threshold)} used "
                      + $"for at least {days} days; {r.GpusAvailable:0} GPUs are paid for and idle. Move work onto it or release it.",
            Facts = Facts(r),
            Fingerprint = Math.Round(now, 1).ToString(CultureInfo.InvariantCulture),
        };
    }

    public static AlertCondition? Ending(CapacityRecord r, DateTimeOffset now, int withinDays)
    {
        if (r.Kind == CapacityKind.Quota || r.End is not { } end || end <= now || end - now > TimeSpan.FromDays(withinDays))
        {
            return null;
        }

        var left = (int)Math.Ceiling((end - now).TotalDays);
        return new AlertCondition
        {
            Rule = EndingRule,
            SubjectKey = Subject(r),
            Severity = left <= 3 ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"[GPU CAPACITY ENDING] {r.ProviderName} {r.RegionId} {(r.Kind == CapacityKind.CapacityBlock ? "capacity block" : "reservation")} {r.ResourceId}: {r.GpusLimit:0} {r.AcceleratorModel} GPUs end {end:yyyy-MM-dd} ({left} days)",
            Summary = $"{r.Limit:0} x {r.Family} ({r.GpusLimit:0} {r.AcceleratorModel} GPUs) in {r.ProviderName} {r.RegionId} end on {end:yyyy-MM-dd HH:mm} UTC. "
                      + "Extend or replace them, or plan the jobs that run there to finish first.",
            Facts = Facts(r),
            Fingerprint = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public static AlertCondition? DeliveryBehind(Commitment commitment, DeliveryStatus status)
    {
        if (!status.Behind)
        {
            return null;
        }

        var share = status.ContractedGpus == 0 ? 1m : status.DeliveredGpus / status.ContractedGpus;
        return new AlertCondition
        {
            Rule = DeliveryRule,
            SubjectKey = commitment.Id,
            Severity = share < 0.8m ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"[GPU DELIVERY BEHIND] {commitment.Name}: {status.DeliveredGpus:0} of {status.ContractedGpus} {status.AcceleratorModel} GPUs delivered ({PercentFormat.Whole(share)})",
            Summary = $"{commitment.Name} ({commitment.ProviderName}) contracts {status.ContractedGpus} {status.AcceleratorModel} GPUs as of {status.AsOf:yyyy-MM-dd}; "
                      + $"quota limits plus reservations give {status.DeliveredGpus:0}, {status.ShortfallGpus:0} short."
                      + (status.NextDeliveryDate is { } next ? $" Next step: {status.NextDeliveryGpus} GPUs from {next:yyyy-MM-dd}." : string.Empty),
            Facts =
            [
                new("Commitment", $"{commitment.Name} ({commitment.Id})"),
                new("Provider / model", $"{commitment.ProviderName} / {status.AcceleratorModel}"),
                new("Regions", commitment.Regions.Count == 0 ? "all" : string.Join(", ", commitment.Regions)),
                new("Contracted GPUs", status.ContractedGpus.ToString(CultureInfo.InvariantCulture)),
                new("Delivered GPUs", status.DeliveredGpus.ToString("0", CultureInfo.InvariantCulture)),
                new("Shortfall", status.ShortfallGpus.ToString("0", CultureInfo.InvariantCulture)),
            ],
            Fingerprint = $"{status.ContractedGpus}|{status.DeliveredGpus:0}",
            Recipients = commitment.Owners,
        };
    }

    private static string Unit(CapacityUnit unit) => unit switch
    {
        CapacityUnit.Vcpu => "vCPUs",
        CapacityUnit.Gpu => "GPUs",
        _ => "instances",
    };

    private static List<KeyValuePair<string, string>> Facts(CapacityRecord r) =>
    [
        new("Provider / account", $"{r.ProviderName} / {r.SubAccountId}"),
        new("Region", r.RegionId),
        new("Kind", r.Kind.ToString()),
        new("Family", r.Family + (r.ResourceId is null ? string.Empty : $" ({r.ResourceId})")),
        new("Accelerator", r.AcceleratorModel),
        new("Limit / used", $"{r.Limit:0} / {(r.Used is { } u ? u.ToString("0", CultureInfo.InvariantCulture) : "unknown")} {Unit(r.Unit)}"),
        new("GPUs limit / used / available", $"{r.GpusLimit:0} / {r.GpusUsed:0} / {r.GpusAvailable:0}"),
        new("Ends", r.End?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-"),
    ];
}
