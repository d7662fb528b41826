namespace Pipeline.Application.Capacity;

/// <summary>
/// <c>gpu-reservation-short</c>: the provider holds fewer instances for a reservation than were reserved (Azure's
/// <c>currentCapacity</c> below <c>sku.capacity</c>). The team plans on capacity it does not have.
/// </summary>
public sealed class ReservationShortRule() : CapacityRecordRule(RuleId)
{
    public const string RuleId = "gpu-reservation-short";

    protected override AlertCondition? Judge(CapacityRecord record, CapacityPass input) => Condition(record);

    public static AlertCondition? Condition(CapacityRecord r)
    {
        if (r.Kind == CapacityKind.Quota || r.Granted is not { } granted || r.Shortfall <= 0)
        {
            return null;
        }

        var gpusShort = r.GpusLimit is { } gpus && r.Limit > 0 ? gpus / r.Limit * r.Shortfall : (decimal?)null;
        return new AlertCondition
        {
            Rule = RuleId,
            SubjectKey = CapacityAlertFacts.Subject(r),
            Severity = granted == 0 ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"[GPU RESERVATION SHORT] {r.ProviderName} {r.RegionId} {r.Family} {r.ResourceId}: {granted:0} of {r.Limit:0} reserved instances granted",
            Summary = $"{r.ProviderName} holds {granted:0} of the {r.Limit:0} x {r.Family} reserved in {r.RegionId}"
                      + (gpusShort is { } g ? $" ({g:0} {r.AcceleratorModel} GPUs short)" : string.Empty)
                      + ". The missing instances are not guaranteed capacity: ask the provider for the rest, or plan on what was granted.",
            Facts = [.. CapacityAlertFacts.Facts(r), new("Reserved / granted", $"{r.Limit:0} / {granted:0} instances")],
            Fingerprint = granted.ToString("0", CultureInfo.InvariantCulture),
        };
    }
}
