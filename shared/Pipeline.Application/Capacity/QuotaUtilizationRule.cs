namespace Pipeline.Application.Capacity;

/// <summary><c>gpu-quota-utilization</c>: an on-demand GPU quota used at or above <c>Capacity:QuotaUtilizationThreshold</c>.</summary>
public sealed class QuotaUtilizationRule() : CapacityRecordRule(RuleId)
{
    public const string RuleId = "gpu-quota-utilization";

    protected override AlertCondition? Judge(CapacityRecord record, CapacityPass input) => Condition(record, input.Settings.QuotaUtilizationThreshold);

    public static AlertCondition? Condition(CapacityRecord r, decimal threshold)
    {
        if (r.Kind != CapacityKind.Quota || r.Spot || r.Utilization is not { } utilization || utilization < threshold)
        {
            return null;
        }

        var gpus = r.GpusLimit is { } limit ? $" ({r.GpusUsed:0} of {limit:0} GPUs)" : string.Empty;
        return new AlertCondition
        {
            Rule = RuleId,
            SubjectKey = CapacityAlertFacts.Subject(r),
            Severity = utilization >= 1m ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"[GPU QUOTA] {r.ProviderName} {r.RegionId} {r.Family}: {PercentFormat.Whole(utilization)} used{gpus}",
            Summary = $"{r.AcceleratorModel} quota {r.Family} in {r.ProviderName} {r.RegionId} (account {r.SubAccountId}) is {PercentFormat.Whole(utilization)} used: "
                      + $"{r.Used:0} of {r.Limit:0} {CapacityAlertFacts.Unit(r.Unit)}. New {r.AcceleratorModel} capacity there will fail to launch; request a quota increase.",
            Facts = CapacityAlertFacts.Facts(r),
            Fingerprint = Math.Round(utilization, 2).ToString(CultureInfo.InvariantCulture),
        };
    }
}
