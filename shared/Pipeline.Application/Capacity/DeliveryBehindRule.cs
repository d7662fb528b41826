namespace Pipeline.Application.Capacity;

/// <summary><c>gpu-delivery-behind</c>: a capacity commitment given fewer GPUs than contracted today.</summary>
public sealed class DeliveryBehindRule() : AlertRule<CapacityPass>(RuleId)
{
    public const string RuleId = "gpu-delivery-behind";

    public override AlertScope Scope(CapacityPass input) => new(input.Deliveries.Select(d => d.Commitment.Id).ToList(), Complete: true);

    public override IEnumerable<AlertCondition> Evaluate(CapacityPass input) =>
        input.Deliveries.Select(d => Condition(d.Commitment, d.Status)).OfType<AlertCondition>();

    public static AlertCondition? Condition(Commitment commitment, DeliveryStatus status)
    {
        if (!status.Behind)
        {
            return null;
        }

        var share = status.ContractedGpus == 0 ? 1m : status.DeliveredGpus / status.ContractedGpus;
        return new AlertCondition
        {
            Rule = RuleId,
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
}
