using Pipeline.Core.Text;

namespace Pipeline.Core.Costs;

/// <summary>
/// Sums source rows (hourly, resource-level, several files) into the daily grain. Rows are bucketed by the
/// UTC day of ChargePeriodStart; a charge that spans several days (a one-time purchase) stays on its first day,
/// as the provider billed it. Not thread-safe.
/// </summary>
public sealed class DailyCostAggregator
{
    private readonly Dictionary<DailyDimensionKey, DailyCostAccumulator> _groups = [];

    public StringPool Strings { get; } = new();

    public long LinesAdded { get; private set; }

    public int GroupCount => _groups.Count;

    /// <exception cref="OverflowException">The running total no longer fits a decimal.</exception>
    public void Add(in CostLine line)
    {
        var key = DailyDimensionKey.From(line);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new DailyCostAccumulator();
            _groups.Add(key, group);
        }

        group.Add(line);
        LinesAdded++;
    }

    /// <summary>Adds an already-normalized row (API connectors build these directly).</summary>
    public void Add(CostRow row)
    {
        var line = new CostLine
        {
            ChargeDay = row.ChargePeriodStart,
            BillingPeriodStart = row.BillingPeriodStart,
            BillingPeriodEnd = row.BillingPeriodEnd,
            ProviderName = Strings.GetId(row.ProviderName),
            BillingAccountId = Strings.GetId(row.BillingAccountId),
            BillingAccountName = Strings.GetId(row.BillingAccountName),
            SubAccountId = Strings.GetId(row.SubAccountId),
            SubAccountName = Strings.GetId(row.SubAccountName),
            ServiceName = Strings.GetId(row.ServiceName),
            ServiceCategory = Strings.GetId(row.ServiceCategory),
            RegionId = Strings.GetId(row.RegionId),
            RegionName = Strings.GetId(row.RegionName),
            ChargeCategory = Strings.GetId(row.ChargeCategory),
            ChargeClass = Strings.GetId(row.ChargeClass),
            PricingCategory = Strings.GetId(row.PricingCategory),
            BillingCurrency = Strings.GetId(row.BillingCurrency),
            AcceleratorModel = Strings.GetId(row.AcceleratorModel),
            BilledCost = row.BilledCost,
            EffectiveCost = row.EffectiveCost,
            ListCost = row.ListCost,
            ContractedCost = row.ContractedCost,
            Estimated = row.Estimated,
        };
        Add(line);
    }

    /// <summary>The aggregated rows, attributed to one ingestion source.</summary>
    public List<CostRow> ToRows(string source, string sourceKind)
    {
        var rows = new List<CostRow>(_groups.Count);
        foreach (var (key, group) in _groups)
        {
            rows.Add(new CostRow
            {
                ChargePeriodStart = DateOnly.FromDayNumber(key.ChargeDay),
                BillingPeriodStart = DateOnly.FromDayNumber(key.BillingPeriodStart),
                BillingPeriodEnd = DateOnly.FromDayNumber(key.BillingPeriodEnd),
                ProviderName = Strings[key.ProviderName]!,
                BillingAccountId = Strings[key.BillingAccountId]!,
                BillingAccountName = Strings[group.BillingAccountName],
                SubAccountId = Strings[key.SubAccountId],
                SubAccountName = Strings[group.SubAccountName],
                ServiceName = Strings[key.ServiceName],
                ServiceCategory = Strings[key.ServiceCategory],
                RegionId = Strings[key.RegionId],
                RegionName = Strings[group.RegionName],
                ChargeCategory = Strings[key.ChargeCategory]!,
                ChargeClass = Strings[key.ChargeClass],
                PricingCategory = Strings[key.PricingCategory],
                BillingCurrency = Strings[key.BillingCurrency]!,
                AcceleratorModel = Strings[key.AcceleratorModel],
                BilledCost = group.BilledCost,
                EffectiveCost = group.EffectiveCost,
                ListCost = group.ListCost,
                ContractedCost = group.ContractedCost,
                SourceKind = sourceKind,
                Source = source,
                SourceRowCount = group.Count,
                Estimated = group.Estimated,
            });
        }

        return rows;
    }
}
