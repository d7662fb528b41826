using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Capacity;
using Pipeline.Application.Commitments;
using Pipeline.Application.Export;
using Pipeline.Core.Alerts;
using Pipeline.Core.Capacity;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Capacity;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Capacity;

/// <summary>Capacity ingestion and evaluation on Azurite, through the production services.</summary>
public class CapacityEvaluationJobTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;

    private static IReadOnlyCollection<CapacityObservation> Snapshot(bool withBlock = true) =>
    [
        new("Oracle", "t", "us-ashburn-1", CapacityKind.Quota, "gpu-h100-count", 192, 128, "AD-1"),
        new("Oracle", "t", "us-ashburn-1", CapacityKind.Quota, "gpu-h100-count", 64, 64, "AD-2"),
        new("Microsoft", "s", "eastus2", CapacityKind.Quota, "StandardNDGB300v6Family", 512, 0),
        new("AWS", "1", "us-east-1", CapacityKind.Quota, "L-417A185B", 1536, null),
        .. withBlock ? [new CapacityObservation("AWS", "1", "us-east-1", CapacityKind.CapacityBlock, "p5.48xlarge", 8, 8, "cr-1", Now.AddDays(-9), Now.AddDays(5))] : Array.Empty<CapacityObservation>(),
    ];

    [Fact]
    public async Task A_snapshot_raises_quota_ending_and_delivery_alerts_once_and_resolves_what_disappears()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var ingestion = host.Services.GetRequiredService<CapacityIngestion>();
        await host.Services.GetRequiredService<CommitmentImport>().ImportAsync("""
            { "commitments": [ { "id": "oci-h100", "name": "OCI H100", "provider": "Oracle", "category": "Usage", "acceleratorModel": "H100",
              "regions": ["us-ashburn-1"], "deliveries": [ { "date": "2020-01-01", "gpus": 512 } ], "owners": ["gpu@example.com"] } ] }
            """);

        var outcome = await ingestion.IngestAsync("test", "memory", Snapshot(), Now);
        var job = host.Services.GetRequiredService<CapacityEvaluationJob>();
        var first = await job.RunAsync();
        var second = await job.RunAsync();

        outcome.UnknownFamilies.Should().Equal("Microsoft: StandardNDGB300v6Family");
        outcome.Run.Error.Should().Contain("StandardNDGB300v6Family");
        (first.NotificationsEnqueued, second.NotificationsEnqueued).Should().Be((3, 0));
        var store = host.Services.GetRequiredService<AlertStore>();
        var delivery = await store.GetAsync(DeliveryBehindRule.RuleId, "oci-h100");
        delivery!.Condition.Title.Should().Be("[GPU DELIVERY BEHIND] OCI H100: 256 of 512 H100 GPUs delivered (50%)");
        delivery.Condition.Recipients.Should().Equal("gpu@example.com");
        (await store.GetAsync(QuotaUtilizationRule.RuleId, "Oracle|t|us-ashburn-1|gpu-h100-count|AD-2"))!.Severity.Should().Be(AlertSeverity.Critical);
        (await store.GetAsync(CapacityEndingRule.RuleId, "AWS|1|us-east-1|p5.48xlarge|cr-1"))!.Status.Should().Be(AlertStatus.Open);
        first.Headroom.Should().ContainSingle(h => h.ProviderName == "Oracle").Which.GpusAvailable.Should().Be(64m);

        await ingestion.IngestAsync("test", "memory", Snapshot(withBlock: false), Now);
        await job.RunAsync();

        (await store.GetAsync(CapacityEndingRule.RuleId, "AWS|1|us-east-1|p5.48xlarge|cr-1"))!.Status.Should().Be(AlertStatus.Resolved, "the block left the snapshot");
    }

    [Fact]
    public async Task A_reservation_azure_granted_only_in_part_is_stored_with_what_was_granted_and_alerts()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var short_ = new CapacityObservation("Microsoft", "s", "eastus2", CapacityKind.Reservation, "Standard_ND96isr_H100_v5", 8, 2, "/subscriptions/s/cr-nd", Granted: 6, State: "Succeeded");

        await host.Services.GetRequiredService<CapacityIngestion>().IngestAsync("test", "memory", [short_], Now);
        await host.Services.GetRequiredService<CapacityEvaluationJob>().RunAsync();

        var stored = await host.Services.GetRequiredService<CapacityStore>().ListLatestAsync().SingleAsync();
        (stored.Granted, stored.Shortfall, stored.State, stored.Used).Should().Be((6m, 2m, "Succeeded", 2m));
        var alert = await host.Services.GetRequiredService<AlertStore>().GetAsync(ReservationShortRule.RuleId, "Microsoft|s|eastus2|Standard_ND96isr_H100_v5|/subscriptions/s/cr-nd");
        alert!.Condition.Title.Should().Be("[GPU RESERVATION SHORT] Microsoft eastus2 Standard_ND96isr_H100_v5 /subscriptions/s/cr-nd: 6 of 8 reserved instances granted");
    }

    [Fact]
    public async Task Reserved_gpus_idle_for_three_days_raise_an_alert_from_the_daily_history()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var ingestion = host.Services.GetRequiredService<CapacityIngestion>();
        CapacityObservation Reservation(decimal used) => new("Google Cloud", "p", "us-central1", CapacityKind.Reservation, "a3-highgpu-8g", 8, used, "res-1");
        foreach (var daysAgo in new[] { 3, 2, 1 })
        {
            await ingestion.IngestAsync("test", "memory", [Reservation(2)], Now.AddDays(-daysAgo));
        }

        await ingestion.IngestAsync("test", "memory", [Reservation(1)], Now);
        var report = await host.Services.GetRequiredService<CapacityEvaluationJob>().RunAsync();

        report.NotificationsEnqueued.Should().Be(1);
        var alert = await host.Services.GetRequiredService<AlertStore>().GetAsync(IdleReservationRule.RuleId, "Google Cloud|p|us-central1|a3-highgpu-8g|res-1");
        alert!.Condition.Title.Should().Be("[IDLE GPUs] Google Cloud us-central1 a3-highgpu-8g res-1: 13% used for 3+ days");
    }

    [Fact]
    public async Task The_latest_snapshot_exports_with_the_table_columns()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        await host.Services.GetRequiredService<CapacityIngestion>().IngestAsync("test", "memory", Snapshot(), Now);
        var records = new List<CapacityRecord>();
        await foreach (var record in host.Services.GetRequiredService<CapacityStore>().ListLatestAsync())
        {
            records.Add(record);
        }

        var writer = new StringWriter();
        (await CapacityCsvExporter.WriteAsync(records, writer, CancellationToken.None)).Should().Be(5);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("ProviderName,SubAccountId,RegionId,Kind,Family,ResourceId,x_AcceleratorModel,Unit,Limit,Used,Available,GpusLimit,GpusUsed,GpusAvailable,Start,End,x_SnapshotAt,x_Catalogued,x_Spot,x_Granted,x_State", "new columns go at the end; none is renamed");
        lines.Should().Contain(l => l.StartsWith("AWS,1,us-east-1,capacity-block,p5.48xlarge,cr-1,H100,Instance,8,8,0,64,64,0,", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("Microsoft,s,eastus2,quota,StandardNDGB300v6Family,,unknown,Instance,512,0,512,,,,", StringComparison.Ordinal));
    }
}
