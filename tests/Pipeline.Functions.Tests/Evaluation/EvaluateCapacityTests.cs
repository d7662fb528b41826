using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Application.Capacity;
using Pipeline.Core.Capacity;
using Pipeline.Core.Evaluations;
using Pipeline.Functions.Evaluation;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Queues;
using Pipeline.Testing;

namespace Pipeline.Functions.Tests.Evaluation;

public class EvaluateCapacityTests
{
    [Fact]
    public async Task A_capacity_evaluations_message_raises_the_quota_alert_and_queues_its_email()
    {
        using var host = FunctionTestHost.Create();
        await host.Services.GetRequiredService<CapacityIngestion>().IngestAsync("test", "memory",
            [new CapacityObservation("Microsoft", "sub", "eastus2", CapacityKind.Quota, "standardNDSH100v5Family", 3072, 2976)], TestClock.Now);
        var function = new EvaluateCapacity(host.Services.GetRequiredService<CapacityEvaluationJob>(), NullLogger<EvaluateCapacity>.Instance);
        var message = new EvaluationRequest(EvaluationRequest.CapacityKind, "Microsoft", "*", new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 28), "run").ToJson();

        await function.RunAsync(message, CancellationToken.None);

        var alert = await host.Services.GetRequiredService<AlertStore>().GetAsync(QuotaUtilizationRule.RuleId, "Microsoft|sub|eastus2|standardNDSH100v5Family");
        alert!.Condition.Title.Should().Be("[GPU QUOTA] Microsoft eastus2 standardNDSH100v5Family: 97% used (248 of 256 GPUs)");
        (await host.Services.GetRequiredService<NotificationQueue>().ReceiveAsync(32)).Should().ContainSingle();
    }
}
