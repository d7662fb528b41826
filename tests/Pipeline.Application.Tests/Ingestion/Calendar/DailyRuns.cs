using Microsoft.Extensions.Hosting;
using Pipeline.Application.Ingestion;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>
/// Drives one provider's daily cost timer across a boundary (<see cref="BoundaryCases.RunDays"/>, at 06:00 UTC each day)
/// and, after every run, compares the whole <c>costs</c> table of that provider with the ledger on every day any run
/// so far has covered: a day counted twice, dropped by a later, shorter window, or left stale fails the comparison.
/// </summary>
internal static class DailyRuns
{
    /// <returns>The window the run on <paramref name="today"/> recorded.</returns>
    public static async Task<(DateOnly From, DateOnly To)> AcrossAsync(IHost host, InstantTimeProvider time, DateOnly today, IProviderIngestion ingestion,
        string provider, CostLedger ledger, bool effectiveIsBilled, Action? beforeToday = null, Action? afterToday = null)
    {
        var covered = new HashSet<DateOnly>();
        (DateOnly, DateOnly)? window = null;
        foreach (var runDay in BoundaryCases.RunDays(today))
        {
            time.AdvanceTo(TestClock.At(runDay));
            if (runDay == today)
            {
                beforeToday?.Invoke();
            }

            var outcome = await ingestion.IngestCostsAsync();
            var (from, to) = (outcome.Run.WindowStart!.Value, outcome.Run.WindowEnd!.Value);
            covered.UnionWith(StoredCosts.Days(from, to));
            if (runDay == today)
            {
                window = (from, to);
                afterToday?.Invoke();
            }

            (await StoredCosts.TotalsAsync(host, provider)).Should().BeEquivalentTo(ledger.Totals(runDay, covered, effectiveIsBilled),
                $"after the run on {runDay:yyyy-MM-dd} every covered day's stored total equals what {provider} billed, once");
        }

        return window!.Value;
    }
}
