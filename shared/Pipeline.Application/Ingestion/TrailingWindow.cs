namespace Pipeline.Application.Ingestion;

/// <summary>The window a provider API pull re-reads on every run.</summary>
public static class TrailingWindow
{
    /// <summary>
    /// The last <paramref name="windowDays"/> days up to today (exclusive), extended back to the first of the previous
    /// month until the 5th: the previous month is restated until its invoice closes.
    /// </summary>
    public static (DateOnly From, DateOnly To) UntilInvoiceClose(TimeProvider time, int windowDays)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-windowDays);
        var previousMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return (today.Day <= 5 && previousMonth < from ? previousMonth : from, today);
    }
}
