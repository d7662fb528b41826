namespace Pipeline.Connectors.Focus;

/// <summary>
/// Finds the columns we read in a FOCUS header. Names match case-insensitively, and the spellings of
/// other versions are accepted: 1.3's ServiceProviderName for ProviderName, 0.5's ChargeType, AmortizedCost,
/// Provider and Region.
/// </summary>
internal sealed class FocusColumnMap
{
    public static readonly int Count = Enum.GetValues<FocusColumn>().Length;

    private static readonly Dictionary<FocusColumn, string[]> s_names = new()
    {
        [FocusColumn.ChargePeriodStart] = ["ChargePeriodStart"],
        [FocusColumn.BillingPeriodStart] = ["BillingPeriodStart"],
        [FocusColumn.BillingPeriodEnd] = ["BillingPeriodEnd"],
        [FocusColumn.ProviderName] = ["ProviderName", "ServiceProviderName", "Provider"],
        [FocusColumn.BillingAccountId] = ["BillingAccountId"],
        [FocusColumn.BillingAccountName] = ["BillingAccountName"],
        [FocusColumn.SubAccountId] = ["SubAccountId"],
        [FocusColumn.SubAccountName] = ["SubAccountName"],
        [FocusColumn.ServiceName] = ["ServiceName"],
        [FocusColumn.ServiceCategory] = ["ServiceCategory"],
        [FocusColumn.RegionId] = ["RegionId", "Region"],
        [FocusColumn.RegionName] = ["RegionName"],
        [FocusColumn.ChargeCategory] = ["ChargeCategory", "ChargeType"],
        [FocusColumn.ChargeClass] = ["ChargeClass"],
        [FocusColumn.PricingCategory] = ["PricingCategory"],
        [FocusColumn.BillingCurrency] = ["BillingCurrency", "BilledCurrency"],
        [FocusColumn.BilledCost] = ["BilledCost"],
        [FocusColumn.EffectiveCost] = ["EffectiveCost", "AmortizedCost"],
        [FocusColumn.ListCost] = ["ListCost"],
        [FocusColumn.ContractedCost] = ["ContractedCost"],
    };

    /// <summary>Columns without which a row cannot become a cost row (all Mandatory in FOCUS 1.0-1.3).</summary>
    public static readonly IReadOnlyList<FocusColumn> Mandatory =
    [
        FocusColumn.ChargePeriodStart, FocusColumn.BillingPeriodStart, FocusColumn.BillingPeriodEnd, FocusColumn.ProviderName,
        FocusColumn.BillingAccountId, FocusColumn.ChargeCategory, FocusColumn.BillingCurrency, FocusColumn.BilledCost,
        FocusColumn.EffectiveCost,
    ];

    private readonly int[] _indexes;

    private FocusColumnMap(int[] indexes, string[] headerNames)
    {
        _indexes = indexes;
        HeaderNames = headerNames;
    }

    /// <summary>The source's own column names, for messages.</summary>
    public string[] HeaderNames { get; }

    /// <summary>Position of the column in the source, or -1 when the source does not have it.</summary>
    public int this[FocusColumn column] => _indexes[(int)column];

    public string NameOf(FocusColumn column) => _indexes[(int)column] is >= 0 and var i ? HeaderNames[i] : column.ToString();

    /// <summary>Maps a header; <paramref name="missing"/> lists the mandatory FOCUS columns it lacks.</summary>
    public static FocusColumnMap Resolve(IReadOnlyList<string> header, out IReadOnlyList<string> missing)
    {
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new string[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            names[i] = header[i].Trim().TrimStart('\uFEFF').Trim('"');
            positions.TryAdd(names[i], i);
        }

        var indexes = new int[Count];
        foreach (var (column, candidates) in s_names)
        {
            indexes[(int)column] = candidates.Select(n => positions.GetValueOrDefault(n, -1)).FirstOrDefault(i => i >= 0, -1);
        }

        missing = Mandatory.Where(c => indexes[(int)c] < 0).Select(c => c.ToString()).ToList();
        return new FocusColumnMap(indexes, names);
    }
}
