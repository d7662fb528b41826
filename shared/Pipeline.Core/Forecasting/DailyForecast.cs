namespace Pipeline.Core.Forecasting;

/// <summary>
/// A forecast of the next <see cref="Daily"/>.Length days: the median path and the 10th/90th percentiles of
/// the horizon's total (not of each day: daily errors partly cancel in a sum).
/// </summary>
public sealed record DailyForecast(IReadOnlyList<decimal> Daily, decimal TotalP10, decimal TotalP50, decimal TotalP90)
{
    public static DailyForecast Empty { get; } = new([], 0m, 0m, 0m);
}
