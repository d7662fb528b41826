using Pipeline.Core.Commitments;
using Pipeline.Core.Forecasting;

namespace Pipeline.Core.BurnRate;

/// <summary>
/// Burn-rate semantics of ARCHITECTURE §6 for one commitment, as of day T (the last complete day with data):
/// consumed and expected to date in the period containing T, pace, trailing rates, required rate, burn ratio,
/// forecast band of the period total, projected shortfall, exhaustion date and status.
/// </summary>
public static class BurnRateCalculator
{
    /// <summary>Running out at least this many days, and <see cref="EarlyExhaustionShare"/> of the period, before its end is "early".</summary>
    public const int EarlyExhaustionDays = 7;

    public const decimal EarlyExhaustionShare = 0.10m;

    /// <param name="daily">Eligible cost per day in the commitment's currency; missing days are zero.</param>
    public static BurnRateSnapshot Calculate(Commitment commitment, IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly asOf)
    {
        if (asOf < commitment.Start)
        {
            var first = commitment.Periods[0];
            return Snapshot(commitment, first, asOf, daily, consumedThrough: null, BurnStatus.NotStarted);
        }

        if (asOf >= commitment.End)
        {
            var last = commitment.Periods[^1];
            var final = Snapshot(commitment, last, last.End.AddDays(-1), daily, consumedThrough: last.End.AddDays(-1), BurnStatus.Met);
            return final with { AsOf = asOf, Status = final.Consumed >= last.Amount ? BurnStatus.Met : BurnStatus.Shortfall };
        }

        var period = commitment.PeriodOn(asOf)
            ?? throw new InvalidOperationException($"Commitment {commitment.Id} has a gap on {asOf:yyyy-MM-dd}: periods must be contiguous to evaluate it.");
        return Snapshot(commitment, period, asOf, daily, consumedThrough: asOf, status: null);
    }

    private static BurnRateSnapshot Snapshot(Commitment commitment, CommitmentPeriod period, DateOnly asOf, IReadOnlyDictionary<DateOnly, decimal> daily,
        DateOnly? consumedThrough, BurnStatus? status)
    {
        var cumulative = new List<decimal>();
        var consumed = 0m;
        DateOnly? exhausted = null;
        if (consumedThrough is { } through)
        {
            for (var day = period.Start; day <= through; day = day.AddDays(1))
            {
                consumed += daily.GetValueOrDefault(day);
                cumulative.Add(consumed);
                if (exhausted is null && period.Amount > 0 && consumed >= period.Amount)
                {
                    exhausted = day;
                }
            }
        }

        var elapsed = consumedThrough is null ? 0 : asOf.DayNumber - period.Start.DayNumber + 1;
        var expected = period.Amount * elapsed / period.Days;
        var remaining = consumedThrough is null ? period.Days : period.End.DayNumber - asOf.DayNumber - 1;
        var rate7 = TrailingMean(daily, asOf, 7);
        var rate30 = TrailingMean(daily, asOf, 30);
        decimal? required = remaining > 0 ? Math.Max(0m, period.Amount - consumed) / remaining : null;
        decimal? burnRatio = required is > 0 ? rate30 / required : null;

        var history = History(daily, asOf, Math.Min(DailyForecaster.WindowDays, Math.Max(0, asOf.DayNumber - FirstDataDay(daily, asOf).DayNumber + 1)));
        var forecast = consumedThrough is null ? DailyForecast.Empty : DailyForecaster.Forecast(history, asOf, remaining);
        var p50 = consumed + forecast.TotalP50;
        if (exhausted is null && consumedThrough is not null)
        {
            var projected = consumed;
            for (var h = 0; h < forecast.Daily.Count && exhausted is null; h++)
            {
                projected += forecast.Daily[h];
                if (period.Amount > 0 && projected >= period.Amount)
                {
                    exhausted = asOf.AddDays(h + 1);
                }
            }
        }

        var snapshot = new BurnRateSnapshot
        {
            ContractCommitmentId = commitment.Id,
            AsOf = asOf,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            PeriodAmount = period.Amount,
            Currency = commitment.Currency,
            Consumed = consumed,
            Expected = expected,
            PaceRatio = expected == 0 ? null : consumed / expected,
            Rate7 = rate7,
            Rate30 = rate30,
            RequiredRate = required,
            BurnRatio = burnRatio,
            ForecastP10 = consumed + forecast.TotalP10,
            ForecastP50 = p50,
            ForecastP90 = consumed + forecast.TotalP90,
            ProjectedShortfall = consumedThrough is null ? 0m : Math.Max(0m, period.Amount - p50),
            ExhaustionDate = exhausted,
            Status = BurnStatus.NotStarted,
            CumulativeConsumed = cumulative,
            ForecastDaily = forecast.Daily,
        };
        return snapshot with { Status = status ?? Classify(snapshot) };
    }

    /// <summary>Burn-ratio bands (the FinOps toolkit's MACC rule), refined by the forecast band and early exhaustion.</summary>
    internal static BurnStatus Classify(BurnRateSnapshot s)
    {
        var periodDays = s.PeriodEnd.DayNumber - s.PeriodStart.DayNumber;
        if (s.ExhaustionDate is { } exhausted
            && s.PeriodEnd.DayNumber - 1 - exhausted.DayNumber >= Math.Max(EarlyExhaustionDays, (int)Math.Ceiling(periodDays * EarlyExhaustionShare)))
        {
            return BurnStatus.ExhaustingEarly;
        }

        if (s.RequiredRate == 0m || s.ForecastP10 >= s.PeriodAmount)
        {
            return BurnStatus.OnTrack;
        }

        if (s.ForecastP90 < s.PeriodAmount)
        {
            return BurnStatus.AtRisk;
        }

        return s.BurnRatio switch
        {
            >= 1.1m => BurnStatus.OnTrack,
            >= 0.9m => BurnStatus.Watch,
            _ => BurnStatus.AtRisk,
        };
    }

    private static decimal TrailingMean(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly asOf, int days)
    {
        var sum = 0m;
        for (var i = 0; i < days; i++)
        {
            sum += daily.GetValueOrDefault(asOf.AddDays(-i));
        }

        return sum / days;
    }

    private static List<decimal> History(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly asOf, int days)
    {
        var values = new List<decimal>(days);
        for (var i = days - 1; i >= 0; i--)
        {
            values.Add(daily.GetValueOrDefault(asOf.AddDays(-i)));
        }

        return values;
    }

    /// <summary>The first day with any data, so a young account is not forecast from weeks of implicit zeros.</summary>
    private static DateOnly FirstDataDay(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly asOf) =>
        daily.Count == 0 ? asOf : daily.Keys.Where(d => d <= asOf).DefaultIfEmpty(asOf).Min();
}
