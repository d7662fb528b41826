using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Storage.Costs;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

internal static class StoredCosts
{
    /// <summary>The <c>costs</c> table's totals per (day, billing period) for one provider, as a BI tool summing rows would see them.</summary>
    public static async Task<Dictionary<(DateOnly Day, DateOnly BillingPeriod), (decimal Billed, decimal Effective)>> TotalsAsync(IHost host, string provider)
    {
        var totals = new Dictionary<(DateOnly, DateOnly), (decimal Billed, decimal Effective)>();
        await foreach (var row in host.Services.GetRequiredService<CostStore>().QueryAsync())
        {
            if (row.ProviderName == provider)
            {
                var key = (row.ChargePeriodStart, row.BillingPeriodStart);
                var (billed, effective) = totals.GetValueOrDefault(key);
                totals[key] = (billed + row.BilledCost, effective + row.EffectiveCost);
            }
        }

        return totals;
    }

    /// <summary>The days of [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day < to; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
