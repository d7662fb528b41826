using Microsoft.Extensions.DependencyInjection;
using Moq;
using Pipeline.Application.Capacity;
using Pipeline.Application.Commitments;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;
using Pipeline.Connectors.Oci;
using Pipeline.Core.Commitments;
using Pipeline.Core.Runs;
using Pipeline.Http;
using Pipeline.Storage.Commitments;
using Pipeline.Storage.Runs;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Ingestion;

/// <summary>A provider's commitment sync is a run of its own: odd items named, failures recorded, the rest synced.</summary>
public class CommitmentSyncRunTests
{
    private static Commitment Credits(string id) => new()
    {
        Id = id, Name = id, ProviderName = "Oracle", Currency = "USD", Origin = "provider",
        Periods = [new CommitmentPeriod(new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1), 1000m)],
    };

    private static (ProviderIngestion Ingestion, IServiceProvider Services) Ingestion(Microsoft.Extensions.Hosting.IHost host, Mock<IProviderConnector> connector)
    {
        connector.SetupGet(c => c.Enabled).Returns(true);
        connector.SetupGet(c => c.BillingAccountId).Returns("ocid1.tenancy.oc1..t");
        connector.SetupGet(c => c.Identity).Returns(OciProvider.Identity);
        var s = host.Services;
        return (new ProviderIngestion(OciProvider.Identity, () => connector.Object, s.GetRequiredService<ApiCostIngestion>(), s.GetRequiredService<CapacityIngestion>(),
            s.GetRequiredService<ProviderCommitmentSync>(), s.GetRequiredService<RunStore>(), s.GetRequiredService<TimeProvider>()), s);
    }

    [Fact]
    public async Task An_odd_item_is_named_in_the_run_and_the_others_are_synced()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var connector = new Mock<IProviderConnector>();
        connector.Setup(c => c.PullCommitmentsAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CommitmentPull([Credits("oci-commitment-a"), Credits("oci-commitment-b")], ["OCI commitment c skipped: no timeStart"]));
        var (ingestion, services) = Ingestion(host, connector);

        (await ingestion.SyncCommitmentsAsync()).Should().Be(2);

        var run = await services.GetRequiredService<RunStore>().ListRecentAsync(5).SingleAsync();
        (run.Source, run.Status, run.RowsRead, run.RowsUpserted, run.Error).Should().Be(("oci-commitments", RunStatus.Succeeded, 3, 2, "OCI commitment c skipped: no timeStart"));
        (await services.GetRequiredService<CommitmentStore>().ListAsync().CountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_failed_sync_is_recorded_and_propagates()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var connector = new Mock<IProviderConnector>();
        connector.Setup(c => c.PullCommitmentsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new ProviderUnauthorizedException("Oracle Cloud", "HTTP 404 NotAuthorizedOrNotFound"));
        var (ingestion, services) = Ingestion(host, connector);

        await ingestion.Invoking(i => i.SyncCommitmentsAsync()).Should().ThrowAsync<ProviderUnauthorizedException>();

        var run = await services.GetRequiredService<RunStore>().ListRecentAsync(5).SingleAsync();
        (run.Source, run.Status, run.Error).Should().Be(("oci-commitments", RunStatus.Failed, "Oracle Cloud: HTTP 404 NotAuthorizedOrNotFound"));
    }

    [Fact]
    public async Task A_provider_without_a_commitment_source_records_nothing()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var connector = new Mock<IProviderConnector>();
        connector.Setup(c => c.PullCommitmentsAsync(It.IsAny<CancellationToken>())).ReturnsAsync((CommitmentPull?)null);
        var (ingestion, services) = Ingestion(host, connector);

        (await ingestion.SyncCommitmentsAsync()).Should().Be(0);

        (await services.GetRequiredService<RunStore>().ListRecentAsync(5).CountAsync()).Should().Be(0);
    }
}
