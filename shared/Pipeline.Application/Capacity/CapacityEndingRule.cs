namespace Pipeline.Application.Capacity;

/// <summary><c>gpu-reservation-ending</c>: a reservation or capacity block ending within <c>Capacity:EndingWithinDays</c>.</summary>
public sealed class CapacityEndingRule() : CapacityRecordRule(RuleId)
{
    public const string RuleId = "gpu-reservation-ending";

    protected override AlertCondition? Judge(CapacityRecord record, CapacityPass input) => Condition(record, input.Now, input.Settings.EndingWithinDays);

    public static AlertCondition? Condition(CapacityRecord r, DateTimeOffset now, int withinDays)
    {
        if (r.Kind == CapacityKind.Quota || r.End is not { } end || end <= now || end - now > TimeSpan.FromDays(withinDays))
        {
            return null;
        }

        var left = (int)Math.Ceiling((end - now).TotalDays);
        return new AlertCondition
        {
            Rule = RuleId,
            SubjectKey = CapacityAlertFacts.Subject(r),
            Severity = left <= 3 ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"[GPU CAPACITY ENDING] {r.ProviderName} {r.RegionId} {(r.Kind == CapacityKind.CapacityBlock ? "capacity block" : "reservation")} {r.ResourceId}: {r.GpusLimit:0} {r.AcceleratorModel} GPUs end {end:yyyy-MM-dd} ({left} days)",
            Summary = $"{r.Limit:0} x {r.Family} ({r.GpusLimit:0} {r.AcceleratorModel} GPUs) in {r.ProviderName} {r.RegionId} end on {end:yyyy-MM-dd HH:mm} UTC. "
                      + "Extend or replace them, or plan the jobs that run there to finish first.",
            Facts = CapacityAlertFacts.Facts(r),
            Fingerprint = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
