using Microsoft.Extensions.Logging;
using Pipeline.Core.Diagnostics;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;

namespace Pipeline.Functions.Providers;

/// <summary>
/// What every provider's two timers do. Costs: sync the commitments the provider reports first (so the evaluation sees
/// today's balance; a missing billing role there must not stop the cost pull), then pull the trailing window and hand
/// the evaluations to the output queue. Capacity: read and hand the capacity evaluations on.
/// </summary>
internal static partial class ProviderTimers
{
    public static async Task<string[]> CostsAsync(IProviderIngestion provider, ILogger logger, CancellationToken cancellationToken)
    {
        if (!provider.Enabled || !provider.CostsConfigured)
        {
            LogNotConfigured(logger, provider.DisplayName, provider.SettingsSection);
            return [];
        }

        try
        {
            var synced = await provider.SyncCommitmentsAsync(cancellationToken).ConfigureAwait(false);
            if (synced > 0)
            {
                LogCommitmentsSynced(logger, provider.DisplayName, synced);
            }
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException)
        {
            LogCommitmentsFailed(logger, SecretScrubber.Scrub(ex), provider.DisplayName, SecretScrubber.Scrub(ex.Message));
        }

        var outcome = await provider.IngestCostsAsync(cancellationToken).ConfigureAwait(false);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    public static async Task<string[]> CapacityAsync(IProviderIngestion provider, ILogger logger, CancellationToken cancellationToken)
    {
        if (!provider.Enabled)
        {
            LogNotConfigured(logger, provider.DisplayName, provider.SettingsSection);
            return [];
        }

        var outcome = await provider.IngestCapacityAsync(cancellationToken).ConfigureAwait(false);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} is not enabled or configured ({Section} settings); nothing to ingest")]
    private static partial void LogNotConfigured(ILogger logger, string provider, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count} {Provider} commitment(s)")]
    private static partial void LogCommitmentsSynced(ILogger logger, string provider, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Provider} commitment sync failed, costs are still pulled: {Error}")]
    private static partial void LogCommitmentsFailed(ILogger logger, Exception exception, string provider, string error);
}
