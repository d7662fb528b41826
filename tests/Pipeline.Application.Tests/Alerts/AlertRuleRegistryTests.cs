using Microsoft.Extensions.DependencyInjection;
using Moq;
using Pipeline.Application.Alerts;
using Pipeline.Application.Capacity;
using Pipeline.Application.Notifications;
using Pipeline.Core.Alerts;
using Pipeline.Core.Capacity;
using Pipeline.Notifications.Email;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Queues;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Alerts;

/// <summary>
/// A new alert rule is one class and one registration: its pass evaluates it, the alert machinery stores, notifies and
/// resolves it, and a chart registered for its id goes into its email. Through the production composition on Azurite.
/// </summary>
public sealed class AlertRuleRegistryTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    /// <summary>A rule no code knows about: every reservation in westus3 is worth a look.</summary>
    private sealed class WestUs3Watch : IAlertRule<CapacityPass>
    {
        public const string RuleId = "test-westus3-watch";

        public string Id => RuleId;

        public AlertScope Scope(CapacityPass input) => input.RecordScope;

        public IEnumerable<AlertCondition> Evaluate(CapacityPass input) =>
            input.Latest.Where(r => r.RegionId == "westus3" && r.Kind == CapacityKind.Reservation).Select(r => new AlertCondition
            {
                Rule = RuleId, SubjectKey = CapacityAlertFacts.Subject(r), Severity = AlertSeverity.Info, Title = $"[WATCH] {r.ResourceId}", Summary = "s",
                Fingerprint = r.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), Recipients = ["watch@example.com"],
            });
    }

    private sealed class WatchChart : IAlertChart
    {
        public string RuleId => WestUs3Watch.RuleId;

        public Task<byte[]?> RenderAsync(AlertState alert, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(Png);
    }

    private static CapacityObservation Reservation(string region, string id) =>
        new("Microsoft", "sub", region, CapacityKind.Reservation, "Standard_ND96isr_H100_v5", 4, 1, id);

    [Fact]
    public async Task A_registered_rule_is_evaluated_notified_with_its_chart_and_resolved_when_its_subject_leaves()
    {
        var sent = new List<EmailMessage>();
        var sender = new Mock<IEmailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent.Add(m)).Returns(Task.CompletedTask);
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix(), services: s =>
        {
            s.AddAlertRule<CapacityPass, WestUs3Watch>();
            s.AddAlertChart<WatchChart>();
            s.AddSingleton(sender.Object);
        });
        var ingestion = host.Services.GetRequiredService<CapacityIngestion>();
        var job = host.Services.GetRequiredService<CapacityEvaluationJob>();
        var store = host.Services.GetRequiredService<AlertStore>();

        await ingestion.IngestAsync("test", "memory", [Reservation("westus3", "cr-w"), Reservation("eastus2", "cr-e")], Now);
        await job.RunAsync();
        var requests = await host.Services.GetRequiredService<NotificationQueue>().ReceiveAsync(32);
        var watch = requests.Where(r => r.Request.Rule == WestUs3Watch.RuleId).Select(r => r.Request).Should().ContainSingle().Subject;
        await host.Services.GetRequiredService<AlertNotifier>().NotifyAsync(watch, "d1");

        (await store.GetAsync(WestUs3Watch.RuleId, "Microsoft|sub|westus3|Standard_ND96isr_H100_v5|cr-w"))!.Status.Should().Be(AlertStatus.Open);
        (await store.GetAsync(WestUs3Watch.RuleId, "Microsoft|sub|eastus2|Standard_ND96isr_H100_v5|cr-e")).Should().BeNull("the rule does not hold there");
        sent.Should().ContainSingle().Which.Should().Match<EmailMessage>(m => m.Subject.Contains("[WATCH] cr-w") && m.Images.Single().Png.SequenceEqual(Png));

        await ingestion.IngestAsync("test", "memory", [Reservation("eastus2", "cr-e")], Now.AddDays(1));
        await job.RunAsync();

        (await store.GetAsync(WestUs3Watch.RuleId, "Microsoft|sub|westus3|Standard_ND96isr_H100_v5|cr-w"))!.Status.Should().Be(AlertStatus.Resolved, "its reservation left the snapshot");
    }

    [Fact]
    public void Every_built_in_rule_is_registered_once_with_its_public_id()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var ids = host.Services.GetServices<IAlertRule<Pipeline.Application.Evaluation.CommitmentPass>>().Select(r => r.Id)
            .Concat(host.Services.GetServices<IAlertRule<Pipeline.Application.Anomalies.SpendPass>>().Select(r => r.Id))
            .Concat(host.Services.GetServices<IAlertRule<CapacityPass>>().Select(r => r.Id));

        ids.Should().BeEquivalentTo(["commitment-burn", "data-quality-fx", "spend-anomaly", "gpu-quota-utilization", "gpu-reservation-idle", "gpu-reservation-ending", "gpu-delivery-behind", "gpu-reservation-short"]);
        host.Services.GetServices<IAlertChart>().Select(c => c.RuleId).Should().Equal("commitment-burn");
    }
}
