using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Pipeline.Application.Commitments;
using Pipeline.Application.Evaluation;
using Pipeline.Application.Notifications;
using Pipeline.Core.Costs;
using Pipeline.Core.Evaluations;
using Pipeline.Core.Ingestion;
using Pipeline.Functions.Evaluation;
using Pipeline.Functions.Notifications;
using Pipeline.Storage.BurnRate;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Queues;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests.Notifications;

/// <summary>EvaluateCommitment then SendAlert, invoked as the host would, with real Azurite queues and tables.</summary>
public sealed class EvaluateAndSendTests : IDisposable
{
    private readonly string _mail = Directory.CreateTempSubdirectory("pickup-").FullName;

    [Fact]
    public async Task An_evaluations_message_produces_a_burnrate_row_and_one_email_even_when_the_notification_is_delivered_twice()
    {
        using var host = FunctionTestHost.Create(new Dictionary<string, string?> { ["Email:PickupFolder"] = _mail });
        await SeedAsync(host);
        var evaluate = new EvaluateCommitment(host.Services.GetRequiredService<CommitmentEvaluationJob>(), NullLogger<EvaluateCommitment>.Instance);
        var message = new EvaluationRequest("costs", "AWS", "123", new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 1), "run-1").ToJson();

        await evaluate.RunAsync(message, CancellationToken.None);
        await evaluate.RunAsync(message, CancellationToken.None);

        var asOf = new DateOnly(2025, 3, 31);
        (await host.Services.GetRequiredService<BurnRateStore>().GetAsync("edp", asOf)).Should().NotBeNull();
        var queued = await host.Services.GetRequiredService<NotificationQueue>().ReceiveAsync(32);
        var notification = queued.Should().ContainSingle("a replayed evaluation does not notify again").Subject.Request;
        var send = new SendAlert(host.Services.GetRequiredService<AlertNotifier>(), NullLogger<SendAlert>.Instance);
        var body = Pipeline.Core.Alerts.AlertJson.Serialize(notification);

        await send.RunAsync(body, Context("invocation-1"), CancellationToken.None);
        await send.RunAsync(body, Context("invocation-2"), CancellationToken.None);

        var files = Directory.GetFiles(_mail, "*.eml");
        files.Should().ContainSingle();
        (await File.ReadAllTextAsync(files[0])).Should().Contain("Subject: [AT RISK] AWS EDP: projected shortfall $365K (-50%)");
    }

    [Fact]
    public async Task A_malformed_evaluations_message_fails_loudly_so_the_queue_retries_then_poisons_it()
    {
        using var host = FunctionTestHost.Create();
        var evaluate = new EvaluateCommitment(host.Services.GetRequiredService<CommitmentEvaluationJob>(), NullLogger<EvaluateCommitment>.Instance);

        var act = () => evaluate.RunAsync("{ not json", CancellationToken.None);

        await act.Should().ThrowAsync<System.Text.Json.JsonException>();
    }

    private static FunctionContext Context(string invocationId)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(invocationId);
        return context.Object;
    }

    private static async Task SeedAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        var rows = Enumerable.Range(0, 90).Select(i => new DateOnly(2025, 1, 1).AddDays(i)).Select(day => new CostRow
        {
            ChargePeriodStart = day, BillingPeriodStart = new DateOnly(day.Year, day.Month, 1), BillingPeriodEnd = new DateOnly(day.Year, day.Month, 1).AddMonths(1),
            ProviderName = "AWS", BillingAccountId = "123", ChargeCategory = "Usage", BillingCurrency = "USD", BilledCost = 1_000m, EffectiveCost = 1_000m,
            SourceKind = "export", Source = "focus-exports",
        }).ToList();
        await host.Services.GetRequiredService<CostStore>().ReplaceAsync(rows, ReplacementScopes.ForBillingPeriods(rows, "focus-exports"), "seed", TestClock.Now);
        await host.Services.GetRequiredService<CommitmentImport>().ImportAsync("""
            { "commitments": [ { "id": "edp", "name": "AWS EDP", "provider": "AWS", "category": "Spend", "currency": "USD",
              "periods": [ { "start": "2025-01-01", "end": "2026-01-01", "amount": 730000 } ], "owners": ["finops@example.com"] } ] }
            """);
    }

    public void Dispose() => Directory.Delete(_mail, recursive: true);
}
