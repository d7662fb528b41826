using Pipeline.Application.Capacity;

namespace Pipeline.Application.Ingestion;

/// <summary>
/// One cloud's API ingestion, as the timer functions and <c>./run.sh ingest &lt;provider&gt;</c> drive it: sync the
/// commitments the provider reports (if any), pull the costs' trailing window, read the GPU capacity.
/// </summary>
public interface IProviderIngestion
{
    ProviderIdentity Identity { get; }

    /// <summary>How operators name the provider in messages ("AWS", "Azure", "Google Cloud", "Oracle Cloud").</summary>
    string DisplayName => Identity.DisplayName;

    /// <summary>The settings section that enables it ("Aws", "Azure", "Gcp", "Oci").</summary>
    string SettingsSection => Identity.SettingsSection;

    bool Enabled { get; }

    /// <summary>Whether the cost pull is configured (some providers can read capacity without it).</summary>
    bool CostsConfigured => Enabled;

    /// <summary>Keeps provider-reported commitments in sync; the number synced (0 where the provider reports none).</summary>
    Task<int> SyncCommitmentsAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default);

    Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default);
}
