using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Anomalies;
using Pipeline.Application.Tests.Evaluation;
using Pipeline.Core.Alerts;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Costs;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Anomalies;

public class SpendAnomalyJobTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 31);
    private static readonly DateOnly SpikeDay = new(2025, 3, 20);

    [Fact]
    public async Task Spikes_of_several_services_on_one_day_become_one_alert_that_resolves_when_restated()
    {
        using var host = EvaluationFixture.Host();
        await SeedAsync(host, spike: true);
        var job = host.Services.GetRequiredService<SpendAnomalyJob>();

        var enqueued = await job.RunAsync(null, AsOf);

        enqueued.Should().Be(1);
        var alerts = await ListAsync(host);
        var alert = alerts.Should().ContainSingle().Subject;
        alert.SubjectKey.Should().Be("AWS|123|2025-03-20");
        alert.Condition.Title.Should().Be("[SPEND SPIKE] AWS 123: +$60K above baseline on 2025-03-20 (2 services)");
        alert.Condition.Facts.Select(f => f.Key).Should().Equal("EC2", "SageMaker");
        alert.Severity.Should().Be(AlertSeverity.Critical);

        await SeedAsync(host, spike: false);
        var afterRestatement = await job.RunAsync(null, AsOf);

        afterRestatement.Should().Be(1, "the resolution is notified");
        (await ListAsync(host)).Single().Status.Should().Be(AlertStatus.Resolved);
    }

    [Fact]
    public async Task A_recurring_purchase_is_planned_spend_not_a_spike()
    {
        using var host = EvaluationFixture.Host();
        await SeedAsync(host, spike: false, purchaseOnFirstOfMonth: 250_000m);

        var enqueued = await host.Services.GetRequiredService<SpendAnomalyJob>().RunAsync(null, AsOf);

        enqueued.Should().Be(0, "a support plan bought on the 1st of every month is a purchase, not usage running away");
        (await ListAsync(host)).Should().BeEmpty();
    }

    private static async Task<List<AlertState>> ListAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        var list = new List<AlertState>();
        await foreach (var alert in host.Services.GetRequiredService<AlertStore>().ListAsync(SpendAnomalyRule.RuleId))
        {
            list.Add(alert);
        }

        return list;
    }

    private static async Task SeedAsync(Microsoft.Extensions.Hosting.IHost host, bool spike, decimal purchaseOnFirstOfMonth = 0m)
    {
        var rows = new List<CostRow>();
        for (var first = new DateOnly(2025, 1, 1); purchaseOnFirstOfMonth > 0 && first <= AsOf; first = first.AddMonths(1))
        {
            rows.Add(new CostRow
            {
                ChargePeriodStart = first, BillingPeriodStart = first, BillingPeriodEnd = first.AddMonths(1), ProviderName = "AWS", BillingAccountId = "123",
                ServiceName = "AWS Support (Enterprise)", ChargeCategory = "Purchase", BillingCurrency = "USD", BilledCost = purchaseOnFirstOfMonth, EffectiveCost = purchaseOnFirstOfMonth,
                SourceKind = "api", Source = "test",
            });
        }

        foreach (var (service, perDay, extra) in new[] { ("EC2", 5_000m, 40_000m), ("SageMaker", 2_000m, 20_000m), ("S3", 800m, 0m) })
        {
            for (var day = new DateOnly(2025, 1, 1); day <= AsOf; day = day.AddDays(1))
            {
                var period = new DateOnly(day.Year, day.Month, 1);
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var cost = (weekend ? perDay * 0.6m : perDay) + (spike && day == SpikeDay ? extra : 0m);
                rows.Add(new CostRow
                {
                    ChargePeriodStart = day, BillingPeriodStart = period, BillingPeriodEnd = period.AddMonths(1), ProviderName = "AWS", BillingAccountId = "123",
                    ServiceName = service, ChargeCategory = "Usage", BillingCurrency = "USD", BilledCost = cost, EffectiveCost = cost, SourceKind = "api", Source = "test",
                });
            }
        }

        await host.Services.GetRequiredService<CostStore>().ReplaceAsync(rows, ReplacementScopes.ForBillingPeriods(rows, "test"), "seed", TestClock.Now);
    }
}
