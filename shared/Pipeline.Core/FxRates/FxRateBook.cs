namespace Pipeline.Core.FxRates;

/// <summary>
/// Converts with recorded rates only: the latest rate dated on or before the day. No rate, no conversion —
/// the caller reports a data-quality problem instead of guessing.
/// </summary>
public sealed class FxRateBook
{
    private readonly Dictionary<(string From, string To), List<FxRate>> _rates = [];

    public FxRateBook(IEnumerable<FxRate> rates)
    {
        foreach (var group in rates.GroupBy(r => (r.From, r.To)))
        {
            _rates[group.Key] = group.OrderBy(r => r.Date).ToList();
        }
    }

    public bool TryConvert(decimal amount, string from, string to, DateOnly day, out decimal converted)
    {
        converted = amount;
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return true;
        }

        if (!_rates.TryGetValue((from, to), out var list))
        {
            return false;
        }

        FxRate? best = null;
        foreach (var rate in list)
        {
            if (rate.Date > day)
            {
                break;
            }

            best = rate;
        }

        if (best is null)
        {
            return false;
        }

        converted = amount * best.Rate;
        return true;
    }
}
