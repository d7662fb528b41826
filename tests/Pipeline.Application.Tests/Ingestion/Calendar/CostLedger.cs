namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>
/// What a provider "really" billed, served by the boundary tests' stubs: per day, sub-account and service an amount with
/// four decimals, deterministic. Yesterday's figures are provisional (90% of the final amount) until the next day, as
/// every provider restates its latest day. With <c>lateCharges</c>, the last day of each month also carries a charge
/// billed in the next month's invoice (Google Cloud does this), so one day belongs to two billing periods.
/// </summary>
internal sealed class CostLedger(IReadOnlyList<string> subAccounts, IReadOnlyList<string> services, bool lateCharges = false)
{
    public IReadOnlyList<string> SubAccounts => subAccounts;

    /// <summary>The cells known on <paramref name="today"/> for days in [<paramref name="from"/>, <paramref name="to"/>) (never today or later).</summary>
    public IEnumerable<Cell> AsOf(DateOnly today, DateOnly from, DateOnly to)
    {
        for (var day = from; day < to && day < today; day = day.AddDays(1))
        {
            var period = new DateOnly(day.Year, day.Month, 1);
            for (var a = 0; a < subAccounts.Count; a++)
            {
                for (var s = 0; s < services.Count; s++)
                {
                    var final = Amount(day, a, s);
                    var billed = day == today.AddDays(-1) ? Math.Round(final * 0.9m, 4) : final;
                    yield return new Cell(day, period, subAccounts[a], services[s], billed, Math.Round(billed * 0.8m, 4));
                    if (lateCharges && day.AddDays(1).Day == 1 && a == 0 && s == 0)
                    {
                        var late = Math.Round(final / 10m, 4);
                        yield return new Cell(day, period.AddMonths(1), subAccounts[a], services[s], late, Math.Round(late * 0.8m, 4));
                    }
                }
            }
        }
    }

    /// <summary>Expected stored totals per (day, billing period) on the given days, as known on <paramref name="today"/>.</summary>
    public Dictionary<(DateOnly Day, DateOnly BillingPeriod), (decimal Billed, decimal Effective)> Totals(DateOnly today, IEnumerable<DateOnly> days, bool effectiveIsBilled = false)
    {
        var wanted = days.ToHashSet();
        return Totals(today, wanted.Min(), wanted.Max().AddDays(1), c => wanted.Contains(c.Day), effectiveIsBilled);
    }

    /// <summary>Expected stored totals of the given (day, billing period) pairs only, as known on <paramref name="today"/>.</summary>
    public Dictionary<(DateOnly Day, DateOnly BillingPeriod), (decimal Billed, decimal Effective)> Totals(DateOnly today, IReadOnlySet<(DateOnly Day, DateOnly BillingPeriod)> keys) =>
        Totals(today, keys.Min(k => k.Day), keys.Max(k => k.Day).AddDays(1), c => keys.Contains((c.Day, c.BillingPeriod)), effectiveIsBilled: false);

    private Dictionary<(DateOnly Day, DateOnly BillingPeriod), (decimal Billed, decimal Effective)> Totals(DateOnly today, DateOnly from, DateOnly to, Func<Cell, bool> include,
        bool effectiveIsBilled) =>
        AsOf(today, from, to).Where(include)
            .GroupBy(c => (c.Day, c.BillingPeriod))
            .ToDictionary(g => g.Key, g => (g.Sum(c => c.Billed), effectiveIsBilled ? g.Sum(c => c.Billed) : g.Sum(c => c.Effective)));

    private static decimal Amount(DateOnly day, int account, int service) =>
        1000m + (day.DayNumber % 89) * 13.0517m + account * 211.3m + service * 37.0009m;

    internal sealed record Cell(DateOnly Day, DateOnly BillingPeriod, string SubAccount, string Service, decimal Billed, decimal Effective);
}
