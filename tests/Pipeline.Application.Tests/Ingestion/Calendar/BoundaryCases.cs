using Pipeline.Testing;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>
/// The pinned dates of the boundary tests and, written out by hand, the windows each must request with
/// <c>WindowDays = 3</c>: [from, to) where to is the run day. Invoice-close windows (Azure, Google Cloud, Oracle) reach
/// back to the 1st of the previous month until the 5th; AWS keeps its plain trailing window.
/// </summary>
internal static class BoundaryCases
{
    public const int WindowDays = 3;

    private static readonly Dictionary<DateOnly, Case> s_cases = new[]
    {
        new Case(D("2026-12-01"), InvoiceClose: D("2026-11-01"), Aws: D("2026-11-28"), AzureSlices: [(D("2026-11-01"), D("2026-12-01"))]),
        new Case(D("2026-12-05"), InvoiceClose: D("2026-11-01"), Aws: D("2026-12-02"), AzureSlices: [(D("2026-11-01"), D("2026-12-02")), (D("2026-12-02"), D("2026-12-05"))]),
        new Case(D("2026-12-06"), InvoiceClose: D("2026-12-03"), Aws: D("2026-12-03"), AzureSlices: [(D("2026-12-03"), D("2026-12-06"))]),
        new Case(D("2026-11-30"), InvoiceClose: D("2026-11-27"), Aws: D("2026-11-27"), AzureSlices: [(D("2026-11-27"), D("2026-11-30"))]),
        new Case(D("2027-01-01"), InvoiceClose: D("2026-12-01"), Aws: D("2026-12-29"), AzureSlices: [(D("2026-12-01"), D("2027-01-01"))]),
        new Case(D("2028-02-29"), InvoiceClose: D("2028-02-26"), Aws: D("2028-02-26"), AzureSlices: [(D("2028-02-26"), D("2028-02-29"))]),
    }.ToDictionary(c => c.Today);

    /// <summary>Every date of <see cref="TestClock.BoundaryDates"/>; a date without a case here fails the theory.</summary>
    public static TheoryData<string> Dates => TestClock.BoundaryDateData;

    public static Case For(string today) => s_cases.TryGetValue(TestClock.Day(today), out var c)
        ? c
        : throw new InvalidOperationException($"No expected windows written down for {today}: add a case to {nameof(BoundaryCases)}.");

    /// <summary>The days the daily timer runs on around the boundary: two days before, the day itself, the day after.</summary>
    public static IEnumerable<DateOnly> RunDays(DateOnly today)
    {
        for (var day = today.AddDays(-2); day <= today.AddDays(1); day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static DateOnly D(string iso) => TestClock.Day(iso);

    internal sealed record Case(DateOnly Today, DateOnly InvoiceClose, DateOnly Aws, IReadOnlyList<(DateOnly From, DateOnly To)> AzureSlices);
}
