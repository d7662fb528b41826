using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>
/// A daily Cost Management FOCUS export across month and year boundaries, read from its folder layout
/// (<c>{export}/{yyyyMMdd-yyyyMMdd}/{run}/part_0_0001.csv</c> + <c>manifest.json</c>): every run writes a new run folder
/// for the month to date and, until the 5th, one for the previous month; the month-end day also carries a charge
/// invoiced in the next month. After every daily ingest, each day and billing period is stored exactly once.
/// </summary>
public sealed class FocusExportBoundaryTests : IDisposable
{
    private const string Header = "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargePeriodEnd,ChargePeriodStart,EffectiveCost,ProviderName,RegionId,ServiceCategory,ServiceName,SubAccountId,SubAccountName";
    private readonly string _root = Directory.CreateTempSubdirectory("focus-boundary-").FullName;
    private readonly CostLedger _ledger = new(["sub-a", "sub-b"], ["Virtual Machines", "Azure OpenAI"], lateCharges: true);

    [Theory]
    [Trait(TestClock.Trait, TestClock.Category)]
    [MemberData(nameof(BoundaryCases.Dates), MemberType = typeof(BoundaryCases))]
    public async Task Daily_ingests_of_month_to_date_and_closing_month_runs_store_every_day_and_billing_period_once(string today)
    {
        var @case = BoundaryCases.For(today);
        var time = new InstantTimeProvider(TestClock.At(@case.Today.AddDays(-2)));
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix(), time: time);
        var ingestion = host.Services.GetRequiredService<FocusExportIngestion>();
        var covered = new HashSet<(DateOnly Day, DateOnly BillingPeriod)>();
        foreach (var runDay in BoundaryCases.RunDays(@case.Today))
        {
            time.AdvanceTo(TestClock.At(runDay));
            var month = new DateOnly(runDay.Year, runDay.Month, 1);
            covered.UnionWith(WriteRun(runDay, month));
            if (runDay.Day <= 5)
            {
                covered.UnionWith(WriteRun(runDay, month.AddMonths(-1)));
            }

            await ingestion.IngestAsync(_root);

            (await StoredCosts.TotalsAsync(host, "Microsoft")).Should().BeEquivalentTo(_ledger.Totals(runDay, covered),
                $"after the ingest on {runDay:yyyy-MM-dd} every exported day and billing period is stored once, at its latest figures");
        }
    }

    /// <summary>Writes the export's run of <paramref name="runDay"/> for one billing period; the (day, billing period) pairs it covers.</summary>
    private IEnumerable<(DateOnly, DateOnly)> WriteRun(DateOnly runDay, DateOnly period)
    {
        var cells = _ledger.AsOf(runDay, period.AddDays(-1), period.AddMonths(1)).Where(c => c.BillingPeriod == period).ToList();
        var folder = Directory.CreateDirectory(Path.Combine(_root, "ai-focus", $"{period:yyyyMMdd}-{period.AddMonths(1).AddDays(-1):yyyyMMdd}", $"run-{runDay:yyyyMMdd}")).FullName;
        var text = new StringBuilder(Header).Append('\n');
        foreach (var c in cells)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{c.Billed},12345678,Contoso AI,USD,{Iso(period.AddMonths(1))},{Iso(period)},Usage,,{Iso(c.Day.AddDays(1))},{Iso(c.Day)},{c.Effective},Microsoft,eastus,AI and Machine Learning,{c.Service},{c.SubAccount},{c.SubAccount}\n");
        }

        File.WriteAllText(Path.Combine(folder, "part_0_0001.csv"), text.ToString());

        // Cost Management writes the manifest last; its time orders the runs of a period.
        var manifest = Path.Combine(folder, "manifest.json");
        File.WriteAllText(manifest, "{}");
        File.SetLastWriteTimeUtc(manifest, TestClock.At(runDay).UtcDateTime);
        return cells.Select(c => (c.Day, c.BillingPeriod));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
