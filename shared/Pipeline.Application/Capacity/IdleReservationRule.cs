namespace Pipeline.Application.Capacity;

/// <summary><c>gpu-reservation-idle</c>: reserved GPUs used under <c>Capacity:IdleUtilizationThreshold</c> for <c>Capacity:IdleDays</c> days.</summary>
public sealed class IdleReservationRule() : CapacityRecordRule(RuleId)
{
    public const string RuleId = "gpu-reservation-idle";

    protected override AlertCondition? Judge(CapacityRecord record, CapacityPass input) =>
        Condition(record, input.HistoryOf(record), input.Settings.IdleUtilizationThreshold, input.Settings.IdleDays);

    /// <param name="history">This reservation's daily snapshots of the last idle-window days, any order.</param>
    public static AlertCondition? Condition(CapacityRecord r, IReadOnlyList<CapacityRecord> history, decimal threshold, int days)
    {
        if (r.Kind == CapacityKind.Quota || r.Limit <= 0 || r.Utilization is not { } now || now >= threshold || history.Count < days
            || history.Any(h => h.Utilization is not { } u || u >= threshold))
        {
            return null;
        }

        return new AlertCondition
        {
            Rule = RuleId,
            SubjectKey = CapacityAlertFacts.Subject(r),
            Severity = AlertSeverity.Warning,
            Title = $"[IDLE GPUs] {r.ProviderName} {r.RegionId} {r.Family} {r.ResourceId}: {PercentFormat.Whole(now)} used for {days}+ days",
            Summary = $"Reserved {r.AcceleratorModel} capacity {r.ResourceId} ({r.Limit:0} x {r.Family}, {r.GpusLimit:0} GPUs) has been under {PercentFormat.Whole(threshold)} used "
                      + $"for at least {days} days; {r.GpusAvailable:0} GPUs are paid for and idle. Move work onto it or release it.",
            Facts = CapacityAlertFacts.Facts(r),
            Fingerprint = Math.Round(now, 1).ToString(CultureInfo.InvariantCulture),
        };
    }
}
