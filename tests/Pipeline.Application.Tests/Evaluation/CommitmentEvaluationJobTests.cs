using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Evaluation;
using Pipeline.Core.Alerts;
using Pipeline.Core.BurnRate;
using Pipeline.Core.Evaluations;
using Pipeline.Core.FxRates;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.BurnRate;
using Pipeline.Storage.FxRates;
using Pipeline.Storage.Queues;

namespace Pipeline.Application.Tests.Evaluation;

/// <summary>The evaluation pass against Azurite: burnrate rows, alerts and notifications, idempotent on replay.</summary>
public class CommitmentEvaluationJobTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 31);

    [Fact]
    public async Task A_constant_spend_commitment_gets_an_exact_burnrate_row_and_no_alert()
    {
        using var host = EvaluationFixture.Host();
        await EvaluationFixture.SeedDailyCostsAsync(host, "Microsoft", "ba-1", new DateOnly(2025, 1, 1), AsOf, 1_000m);
        await EvaluationFixture.ImportAsync(host, "macc", "MACC", "Microsoft", "2025-01-01", "2026-01-01", 365_000m);

        var report = await host.Services.GetRequiredService<CommitmentEvaluationJob>().RunAsync(null, AsOf);

        report.NotificationsEnqueued.Should().Be(0);
        var stored = await host.Services.GetRequiredService<BurnRateStore>().GetAsync("macc", AsOf);
        stored.Should().NotBeNull();
        (stored!.Consumed, stored.Expected, stored.PaceRatio, stored.RequiredRate, stored.ForecastP50, stored.Status)
            .Should().Be((90_000m, 90_000m, 1m, 1_000m, 365_000m, BurnStatus.OnTrack));
        stored.CumulativeConsumed.Should().HaveCount(90).And.EndWith(90_000m);
    }

    [Fact]
    public async Task The_last_complete_day_with_data_is_the_default_as_of_day()
    {
        using var host = EvaluationFixture.Host();
        await EvaluationFixture.SeedDailyCostsAsync(host, "Oracle", "t-1", new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 14), 500m);
        await EvaluationFixture.ImportAsync(host, "uc", "Universal Credits", "Oracle", "2025-01-01", "2026-01-01", 365_000m);

        var report = await host.Services.GetRequiredService<CommitmentEvaluationJob>().RunAsync(null, asOf: null);

        report.Commitments.Single().Snapshot!.AsOf.Should().Be(new DateOnly(2025, 2, 14));
    }

    [Fact]
    public async Task An_at_risk_commitment_opens_one_alert_and_a_replay_enqueues_nothing_more()
    {
        using var host = EvaluationFixture.Host();
        await EvaluationFixture.SeedDailyCostsAsync(host, "AWS", "123", new DateOnly(2025, 1, 1), AsOf, 1_000m);
        await EvaluationFixture.ImportAsync(host, "edp", "AWS EDP", "AWS", "2025-01-01", "2026-01-01", 730_000m);
        var job = host.Services.GetRequiredService<CommitmentEvaluationJob>();
        var request = new EvaluationRequest("costs", "AWS", "123", new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1), "run");

        var first = await job.RunAsync(request, AsOf);
        var second = await job.RunAsync(request, AsOf);

        (first.NotificationsEnqueued, second.NotificationsEnqueued).Should().Be((1, 0));
        var alert = await host.Services.GetRequiredService<AlertStore>().GetAsync("commitment-burn", "edp");
        alert!.Status.Should().Be(AlertStatus.Open);
        alert.Severity.Should().Be(AlertSeverity.Critical);
        alert.Condition.Title.Should().Be("[AT RISK] AWS EDP: projected shortfall $365K (-50%)");
        (await host.Services.GetRequiredService<NotificationQueue>().ReceiveAsync(32)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_message_for_another_provider_does_not_touch_this_commitment()
    {
        using var host = EvaluationFixture.Host();
        await EvaluationFixture.ImportAsync(host, "edp", "AWS EDP", "AWS", "2025-01-01", "2026-01-01", 730_000m);

        var report = await host.Services.GetRequiredService<CommitmentEvaluationJob>()
            .RunAsync(new EvaluationRequest("costs", "Oracle", "x", AsOf, AsOf.AddDays(1), "run"), AsOf);

        report.Commitments.Should().BeEmpty();
    }

    [Fact]
    public async Task Costs_in_another_currency_convert_with_the_recorded_rate()
    {
        using var host = EvaluationFixture.Host();
        await EvaluationFixture.SeedDailyCostsAsync(host, "Google Cloud", "b-1", new DateOnly(2025, 1, 1), AsOf, 1_000m, currency: "EUR");
        await EvaluationFixture.ImportAsync(host, "gcp", "GCP commit", "Google Cloud", "2025-01-01", "2026-01-01", 400_000m);
        await host.Services.GetRequiredService<FxRateStore>().UpsertAsync(
            [new FxRate(new DateOnly(2024, 12, 31), "EUR", "USD", 1.08m, "ECB"), new FxRate(new DateOnly(2025, 3, 1), "EUR", "USD", 1.1m, "ECB")]);

        var report = await host.Services.GetRequiredService<CommitmentEvaluationJob>().RunAsync(null, AsOf);

        report.Commitments.Single().Snapshot!.Consumed.Should().Be((59 * 1_080m) + (31 * 1_100m));
    }

    [Fact]
    public async Task A_missing_rate_raises_a_data_quality_alert_and_writes_no_guess()
    {
        using var host = EvaluationFixture.Host();
        await EvaluationFixture.SeedDailyCostsAsync(host, "Google Cloud", "b-1", new DateOnly(2025, 1, 1), AsOf, 1_000m, currency: "EUR");
        await EvaluationFixture.ImportAsync(host, "gcp", "GCP commit", "Google Cloud", "2025-01-01", "2026-01-01", 400_000m);

        var report = await host.Services.GetRequiredService<CommitmentEvaluationJob>().RunAsync(null, AsOf);

        var evaluation = report.Commitments.Single();
        evaluation.Snapshot.Should().BeNull();
        evaluation.Problem.Should().Contain("EUR->USD (from 2025-01-01)");
        (await host.Services.GetRequiredService<BurnRateStore>().GetAsync("gcp", AsOf)).Should().BeNull();
        var alert = await host.Services.GetRequiredService<AlertStore>().GetAsync("data-quality-fx", "gcp");
        alert!.Condition.Title.Should().Contain("exchange rate missing");
    }
}
