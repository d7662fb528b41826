namespace Pipeline.Connectors.Common;

/// <summary>The window a provider API pull re-reads on every run.</summary>
public static class TrailingWindow
{
    /// <summary>The last <paramref name="windowDays"/> days up to today (exclusive).</summary>
    public static (DateOnly From, DateOnly To) Plain(DateOnly today, int windowDays) => (today.AddDays(-windowDays), today);

    /// <summary>
    /// The last <paramref name="windowDays"/> days up to today (exclusive), extended back to the first of the previous
    /// month until the 5th: the previous month is restated until its invoice closes.
    /// </summary>
    public static (DateOnly From, DateOnly To) UntilInvoiceClose(DateOnly today, int windowDays)
    {
        var from = today.AddDays(-windowDays);
        var previousMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return (today.Day <= 5 && previousMonth < from ? previousMonth : from, today);
    }

    /// <inheritdoc cref="UntilInvoiceClose(DateOnly, int)"/>
    public static (DateOnly From, DateOnly To) UntilInvoiceClose(TimeProvider time, int windowDays) =>
        UntilInvoiceClose(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), windowDays);
}
