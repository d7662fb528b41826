using Pipeline.Core.Ingestion;
using Pipeline.Core.Money;
using Pipeline.Core.Time;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Turns one FOCUS source row into a <see cref="CostLine"/> and adds it to the aggregate, or records why it
/// cannot: every check names the file, line and column. Canonicalization results are cached per distinct value.
/// </summary>
internal sealed class FocusLineBuilder
{
    /// <summary>Azure Table Storage holds at most 32K characters in a string property.</summary>
    public const int MaxFieldLength = 32_768;

    private const int MaxKeyFieldLength = 256;

    private readonly FocusColumnMap _map;
    private readonly DailyCostAggregator _aggregator;
    private readonly SourceErrorLog _errors;
    private readonly string _file;
    private readonly InternCache[] _text;
    private readonly DateCache _chargeStart = new();
    private readonly DateCache _periodStart = new();
    private readonly DateCache _periodEnd = new();
    private readonly Dictionary<int, int> _chargeCategory = [];
    private readonly Dictionary<int, int> _pricingCategory = [];
    private readonly Dictionary<int, int> _serviceCategory = [];
    private readonly Dictionary<int, int> _chargeClass = [];
    private readonly Dictionary<int, int> _currency = [];

    public FocusLineBuilder(FocusColumnMap map, DailyCostAggregator aggregator, SourceErrorLog errors, string file)
    {
        _map = map;
        _aggregator = aggregator;
        _errors = errors;
        _file = file;
        _text = Enumerable.Range(0, FocusColumnMap.Count).Select(_ => new InternCache()).ToArray();
    }

    public long RowsAdded { get; private set; }

    public bool TryAdd<TRow>(scoped ref TRow row, long line)
        where TRow : IFocusFields, allows ref struct
    {
        var result = new CostLine();
        if (!TryDay(ref row, line, FocusColumn.ChargePeriodStart, _chargeStart, out var chargeStart)
            || !TryDay(ref row, line, FocusColumn.BillingPeriodStart, _periodStart, out var periodStart)
            || !TryDay(ref row, line, FocusColumn.BillingPeriodEnd, _periodEnd, out var periodEnd))
        {
            return false;
        }

        result.ChargeDay = DateOnly.FromDateTime(chargeStart);
        result.BillingPeriodStart = BillingPeriod.NormalizeStart(periodStart);
        result.BillingPeriodEnd = BillingPeriod.NormalizeEnd(periodEnd, result.BillingPeriodStart);
        if (result.BillingPeriodEnd <= result.BillingPeriodStart)
        {
            return Fail(line, FocusColumn.BillingPeriodEnd, "BillingPeriodEnd is not after BillingPeriodStart");
        }

        if (!TryText(ref row, line, FocusColumn.ProviderName, required: true, MaxKeyFieldLength, out result.ProviderName)
            || !TryText(ref row, line, FocusColumn.BillingAccountId, required: true, MaxKeyFieldLength, out result.BillingAccountId)
            || !TryText(ref row, line, FocusColumn.BillingAccountName, required: false, MaxFieldLength, out result.BillingAccountName)
            || !TryText(ref row, line, FocusColumn.SubAccountId, required: false, MaxFieldLength, out result.SubAccountId)
            || !TryText(ref row, line, FocusColumn.SubAccountName, required: false, MaxFieldLength, out result.SubAccountName)
            || !TryText(ref row, line, FocusColumn.ServiceName, required: false, MaxFieldLength, out result.ServiceName)
            || !TryText(ref row, line, FocusColumn.RegionId, required: false, MaxFieldLength, out result.RegionId)
            || !TryText(ref row, line, FocusColumn.RegionName, required: false, MaxFieldLength, out result.RegionName)
            || !TryCanonical(ref row, line, FocusColumn.ChargeCategory, _chargeCategory, required: true, v => FocusValues.ChargeCategory(v), "is not a FOCUS ChargeCategory (Usage, Purchase, Tax, Credit, Adjustment)", out result.ChargeCategory)
            || !TryCanonical(ref row, line, FocusColumn.PricingCategory, _pricingCategory, required: false, v => FocusValues.PricingCategory(v), "is not a FOCUS PricingCategory (Standard, Dynamic, Committed, Other)", out result.PricingCategory)
            || !TryCanonical(ref row, line, FocusColumn.ServiceCategory, _serviceCategory, required: false, v => FocusValues.ServiceCategory(v), string.Empty, out result.ServiceCategory)
            || !TryCanonical(ref row, line, FocusColumn.ChargeClass, _chargeClass, required: false, v => FocusValues.TryChargeClass(v, out var c) ? c : null, "is not a FOCUS ChargeClass (empty or Correction)", out result.ChargeClass)
            || !TryCanonical(ref row, line, FocusColumn.BillingCurrency, _currency, required: true, v => CurrencyCodes.Normalize(v), "is not an ISO 4217 currency code", out result.BillingCurrency)
            || !TryAmount(ref row, line, FocusColumn.BilledCost, required: true, out var billed)
            || !TryAmount(ref row, line, FocusColumn.EffectiveCost, required: true, out var effective)
            || !TryAmount(ref row, line, FocusColumn.ListCost, required: false, out result.ListCost)
            || !TryAmount(ref row, line, FocusColumn.ContractedCost, required: false, out result.ContractedCost))
        {
            return false;
        }

        result.BilledCost = billed!.Value;
        result.EffectiveCost = effective!.Value;
        try
        {
            _aggregator.Add(result);
        }
        catch (OverflowException)
        {
            return Fail(line, FocusColumn.BilledCost, "the daily total no longer fits a decimal (amounts are too large)");
        }

        RowsAdded++;
        return true;
    }

    private static ReadOnlySpan<char> Clean(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        return value.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? [] : value;
    }

    private ReadOnlySpan<char> Field<TRow>(ref TRow row, FocusColumn column)
        where TRow : IFocusFields, allows ref struct =>
        _map[column] is >= 0 and var index ? Clean(row.Get(index)) : [];

    private bool TryDay<TRow>(ref TRow row, long line, FocusColumn column, DateCache cache, out DateTime utc)
        where TRow : IFocusFields, allows ref struct
    {
        var text = Field(ref row, column);
        if (text.IsEmpty)
        {
            utc = default;
            return Fail(line, column, "is empty but is mandatory");
        }

        if (!cache.TryParse(text, out utc))
        {
            return Fail(line, column, $"'{Shorten(text)}' is not an ISO 8601 date/time (expected e.g. 2024-01-31T00:00:00Z)");
        }

        return true;
    }

    private bool TryText<TRow>(ref TRow row, long line, FocusColumn column, bool required, int maxLength, out int id)
        where TRow : IFocusFields, allows ref struct
    {
        var text = Field(ref row, column);
        id = 0;
        if (text.Length > maxLength)
        {
            return Fail(line, column, $"value of {text.Length:N0} characters exceeds the limit of {maxLength:N0}");
        }

        if (text.IsEmpty)
        {
            return !required || Fail(line, column, "is empty but is mandatory");
        }

        id = _text[(int)column].GetId(text, _aggregator.Strings);
        return true;
    }

    private bool TryCanonical<TRow>(ref TRow row, long line, FocusColumn column, Dictionary<int, int> cache, bool required,
        Func<string, string?> canonicalize, string invalidMessage, out int id)
        where TRow : IFocusFields, allows ref struct
    {
        if (!TryText(ref row, line, column, required, MaxKeyFieldLength, out var raw))
        {
            id = 0;
            return false;
        }

        if (raw == 0)
        {
            id = 0;
            return true;
        }

        if (!cache.TryGetValue(raw, out id))
        {
            var canonical = canonicalize(_aggregator.Strings[raw]!);
            id = canonical is null ? -1 : _aggregator.Strings.GetId(canonical);
            cache[raw] = id;
        }

        return id >= 0 || Fail(line, column, $"'{Shorten(_aggregator.Strings[raw])}' {invalidMessage}");
    }

    private bool TryAmount<TRow>(ref TRow row, long line, FocusColumn column, bool required, out decimal? amount)
        where TRow : IFocusFields, allows ref struct
    {
        var text = Field(ref row, column);
        amount = null;
        if (text.IsEmpty)
        {
            return !required || Fail(line, column, "is empty but is mandatory");
        }

        if (!AmountParser.TryParse(text, out var value))
        {
            return Fail(line, column, $"'{Shorten(text)}' is not a decimal number");
        }

        amount = value;
        return true;
    }

    private bool Fail(long line, FocusColumn column, string message)
    {
        _errors.Add(_file, line, _map.NameOf(column), message);
        return false;
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "...");
}
