namespace Pipeline.Core.Costs;

internal sealed class DailyCostAccumulator
{
    private decimal _listCost;
    private decimal _contractedCost;
    private bool _listCostMissing;
    private bool _contractedCostMissing;

    public decimal BilledCost { get; private set; }

    public decimal EffectiveCost { get; private set; }

    public decimal? ListCost => _listCostMissing ? null : _listCost;

    public decimal? ContractedCost => _contractedCostMissing ? null : _contractedCost;

    public long Count { get; private set; }

    public bool Estimated { get; private set; }

    public int BillingAccountName { get; private set; }

    public int SubAccountName { get; private set; }

    public int RegionName { get; private set; }

    public void Add(in CostLine line)
    {
        // Compute every sum before assigning any, so an overflow leaves the group as it was.
        var billed = BilledCost + line.BilledCost;
        var effective = EffectiveCost + line.EffectiveCost;
        var list = line.ListCost is { } l ? _listCost + l : _listCost;
        var contracted = line.ContractedCost is { } c ? _contractedCost + c : _contractedCost;

        BilledCost = billed;
        EffectiveCost = effective;
        _listCost = list;
        _contractedCost = contracted;
        _listCostMissing |= line.ListCost is null;
        _contractedCostMissing |= line.ContractedCost is null;
        Count++;
        Estimated |= line.Estimated;

        // Names are attributes of the ids: the last non-empty spelling wins.
        if (line.BillingAccountName != 0)
        {
            BillingAccountName = line.BillingAccountName;
        }

        if (line.SubAccountName != 0)
        {
            SubAccountName = line.SubAccountName;
        }

        if (line.RegionName != 0)
        {
            RegionName = line.RegionName;
        }
    }
}
