using Pipeline.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;
using Pipeline.Core.Evaluations;
using Pipeline.Core.Runs;
using Pipeline.Functions.Providers;

namespace Pipeline.Functions.Tests;

/// <summary>The shared body of the provider timers, with the provider isolated behind its interface.</summary>
public class ProviderTimersTests
{
    private static readonly EvaluationRequest Evaluation = new(EvaluationRequest.CostsKind, "Oracle", "ocid1.tenancy", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), "run-1");

    private static Mock<IProviderIngestion> Provider(bool enabled = true)
    {
        var provider = new Mock<IProviderIngestion>();
        provider.SetupGet(p => p.Enabled).Returns(enabled);
        provider.SetupGet(p => p.CostsConfigured).Returns(enabled);
        provider.SetupGet(p => p.DisplayName).Returns("Oracle Cloud");
        provider.SetupGet(p => p.SettingsSection).Returns("Oci");
        provider.Setup(p => p.IngestCostsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new IngestionOutcome(
            new RunRecord { RunId = "run-1", Source = "oci-usage-api", Status = RunStatus.Succeeded, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch },
            [Evaluation]));
        return provider;
    }

    [Fact]
    public async Task A_failed_commitment_sync_does_not_stop_the_cost_pull()
    {
        var provider = Provider();
        provider.Setup(p => p.SyncCommitmentsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new ProviderUnauthorizedException("Oracle", "404 NotAuthorizedOrNotFound"));

        var messages = await ProviderTimers.CostsAsync(provider.Object, NullLogger.Instance, CancellationToken.None);

        messages.Should().ContainSingle().Which.Should().Be(Evaluation.ToJson());
        provider.Verify(p => p.IngestCostsAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Commitments_are_synced_before_the_costs_are_pulled()
    {
        var provider = Provider();
        var order = new List<string>();
        provider.Setup(p => p.SyncCommitmentsAsync(It.IsAny<CancellationToken>())).Callback(() => order.Add("sync")).ReturnsAsync(1);
        provider.Setup(p => p.IngestCostsAsync(It.IsAny<CancellationToken>())).Callback(() => order.Add("costs")).ReturnsAsync(new IngestionOutcome(
            new RunRecord { RunId = "r", Source = "s", Status = RunStatus.Succeeded, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch }, []));

        await ProviderTimers.CostsAsync(provider.Object, NullLogger.Instance, CancellationToken.None);

        order.Should().Equal("sync", "costs");
    }

    [Fact]
    public async Task A_cost_failure_propagates_so_the_host_records_the_invocation_as_failed()
    {
        var provider = Provider();
        provider.Setup(p => p.IngestCostsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new ProviderUnavailableException("Oracle", "HTTP 500"));

        var act = () => ProviderTimers.CostsAsync(provider.Object, NullLogger.Instance, CancellationToken.None);

        await act.Should().ThrowAsync<ProviderUnavailableException>();
    }

    [Fact]
    public async Task A_disabled_provider_makes_no_call()
    {
        var provider = Provider(enabled: false);

        (await ProviderTimers.CostsAsync(provider.Object, NullLogger.Instance, CancellationToken.None)).Should().BeEmpty();
        (await ProviderTimers.CapacityAsync(provider.Object, NullLogger.Instance, CancellationToken.None)).Should().BeEmpty();

        provider.Verify(p => p.IngestCostsAsync(It.IsAny<CancellationToken>()), Times.Never);
        provider.Verify(p => p.IngestCapacityAsync(It.IsAny<CancellationToken>()), Times.Never);
        provider.Verify(p => p.SyncCommitmentsAsync(It.IsAny<CancellationToken>()), Times.Never);
    }
}
