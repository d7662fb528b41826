namespace Pipeline.Core.Time;

/// <summary>
/// Normalizes billing period bounds to UTC calendar days. Providers write them differently: Google's FOCUS
/// view uses an inclusive end in America/Los_Angeles time (<c>2024-01-31T23:59:59-08:00</c>), others an exclusive
/// UTC midnight. Both become [first day, first day of next period).
/// </summary>
public static class BillingPeriod
{
    public static DateOnly NormalizeStart(DateTime utc) => RoundToNearestDay(utc);

    public static DateOnly NormalizeEnd(DateTime utc, DateOnly start)
    {
        var end = RoundToNearestDay(utc);

        // An inclusive end written as the last day of a month ("2024-01-31") for a period that starts on the 1st.
        if (start.Day == 1 && end.AddDays(1).Day == 1 && end > start && utc.TimeOfDay == TimeSpan.Zero && end.Day != 1)
        {
            return end.AddDays(1);
        }

        return end;
    }

    private static DateOnly RoundToNearestDay(DateTime utc)
    {
        var day = DateOnly.FromDateTime(utc);
        return utc.TimeOfDay >= TimeSpan.FromHours(12) ? day.AddDays(1) : day;
    }
}
