using Pipeline.Application.Capacity;
using Pipeline.Application.Commitments;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Runs;
using Pipeline.Storage.Runs;

namespace Pipeline.Application.Ingestion;

/// <summary>
/// The one ingestion of every cloud, over its <see cref="IProviderConnector"/>: the commitments it reports synced
/// into <c>commitments</c>; its cost window pulled, aggregated and replaced with the run recorded (success or failure);
/// its capacity pulled into the snapshot with the run recorded (success or failure). Behind the timers and
/// <c>./run.sh ingest &lt;provider&gt;</c>.
/// </summary>
/// <remarks>
/// The connector is resolved when the provider runs, not when the function class is built: its settings are
/// validated then, so an invalid one (an unresolved Key Vault reference, say) fails this provider's runs with a
/// <see cref="ProviderSettingsException"/> recorded in <c>runs</c>, while the other providers and the app run on.
/// </remarks>
public sealed class ProviderIngestion(
    ProviderIdentity identity,
    Func<IProviderConnector> connector,
    ApiCostIngestion costIngestion,
    CapacityIngestion capacityIngestion,
    ProviderCommitmentSync commitmentSync,
    RunStore runs,
    TimeProvider time) : IProviderIngestion
{
    /// <summary>The <c>runs</c> source of the provider's commitment sync, e.g. <c>oci-commitments</c>.</summary>
    public string CommitmentSource => $"{identity.Key}-commitments";

    public ProviderIdentity Identity => identity;

    /// <summary>True for a provider with invalid settings too: it was meant to run, and its runs report why it cannot.</summary>
    public bool Enabled
    {
        get
        {
            var (provider, invalid) = Resolve();
            return invalid is not null || provider!.Enabled;
        }
    }

    public bool CostsConfigured
    {
        get
        {
            var (provider, invalid) = Resolve();
            return invalid is not null || provider!.CostsConfigured;
        }
    }

    public ProviderSettingsException? SettingsError => Resolve().Invalid;

    private IProviderConnector Connector
    {
        get
        {
            var (provider, invalid) = Resolve();
            return provider ?? throw invalid!;
        }
    }

    /// <summary>
    /// The connector, built and its settings validated (reading <c>Enabled</c> reads the options); or, when they are
    /// invalid, the <see cref="ProviderSettingsException"/> naming them. The connector is a DI singleton, so a valid one
    /// is built once.
    /// </summary>
    private (IProviderConnector? Provider, ProviderSettingsException? Invalid) Resolve()
    {
        try
        {
            var resolved = connector();
            _ = resolved.Enabled;
            return (resolved, null);
        }
        catch (OptionsValidationException ex)
        {
            return (null, ProviderSettings.Invalid(identity.DisplayName, identity.SettingsSection, ex));
        }
    }

    /// <summary>The window a cost run started now re-reads.</summary>
    public (DateOnly From, DateOnly To) Window() => Connector.CostWindow(Today);

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Syncs the commitments the provider reports, recorded in <c>runs</c> as <see cref="CommitmentSource"/> (items
    /// it could not read named in the run's Error, the others synced); a provider without a commitment source records nothing.
    /// </summary>
    public async Task<int> SyncCommitmentsAsync(CancellationToken cancellationToken = default)
    {
        var provider = Connector;
        var started = time.GetUtcNow();
        var run = new RunRecord
        {
            RunId = Guid.CreateVersion7().ToString("n"), Source = CommitmentSource, Status = RunStatus.Succeeded, StartedAt = started, FinishedAt = started,
            Location = $"{identity.FocusName} {provider.BillingAccountId}".TrimEnd(),
        };
        try
        {
            if (await provider.PullCommitmentsAsync(cancellationToken).ConfigureAwait(false) is not { } pull)
            {
                return 0;
            }

            var synced = pull.Commitments.Count == 0 ? 0 : await commitmentSync.SyncAsync(pull.Commitments, cancellationToken).ConfigureAwait(false);
            await runs.RecordAsync(run with
            {
                FinishedAt = time.GetUtcNow(), RowsRead = pull.Commitments.Count + pull.Skipped.Count, RowsUpserted = synced,
                Error = pull.Skipped.Count == 0 ? null : SecretScrubber.Scrub(string.Join("; ", pull.Skipped)),
            }, cancellationToken).ConfigureAwait(false);
            return synced;
        }
        catch (Exception ex)
        {
            await runs.RecordAsync(run with
            {
                Status = RunStatus.Failed, FinishedAt = time.GetUtcNow(), Error = RunRecord.ErrorOf(ex),
            }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default)
    {
        var (provider, invalid) = Resolve();
        if (invalid is not null)
        {
            await costIngestion.RecordFailureAsync(identity.CostSource, $"{identity.SettingsSection} settings", invalid).ConfigureAwait(false);
            throw invalid;
        }

        var (from, to) = provider!.CostWindow(Today);
        return await costIngestion.IngestAsync(identity.CostSource, identity.FocusName, provider.BillingAccountId, from, to,
            (meter, ct) => provider.PullCostsAsync(from, to, meter, ct), cancellationToken).ConfigureAwait(false);
    }

    public Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default)
    {
        var (provider, invalid) = Resolve();
        return invalid is not null
            ? capacityIngestion.IngestPullAsync(identity.CapacitySource, $"{identity.SettingsSection} settings", _ => throw invalid, cancellationToken)
            : capacityIngestion.IngestPullAsync(identity.CapacitySource, provider!.CapacityLocation, provider.PullCapacityAsync, cancellationToken);
    }
}
