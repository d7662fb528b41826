using Pipeline.Core.Commitments;

namespace Pipeline.Core.Tests.BurnRate;

/// <summary>Test-data builders for commitments and daily spend series.</summary>
internal static class Commitments
{
    public static Commitment Yearly(int year, decimal amount) => Ramp((new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1), amount));

    public static Commitment Ramp(params (DateOnly Start, DateOnly End, decimal Amount)[] periods) => new()
    {
        Id = "c-1",
        Name = "Test commitment",
        ProviderName = "Microsoft",
        Currency = "USD",
        Periods = periods.Select(p => new CommitmentPeriod(p.Start, p.End, p.Amount)).ToList(),
    };

    public static Dictionary<DateOnly, decimal> Constant(DateOnly from, DateOnly toInclusive, decimal perDay)
    {
        var series = new Dictionary<DateOnly, decimal>();
        for (var day = from; day <= toInclusive; day = day.AddDays(1))
        {
            series[day] = perDay;
        }

        return series;
    }

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
