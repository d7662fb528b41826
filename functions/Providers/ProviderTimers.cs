using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Functions.Providers;

/// <summary>
/// What every provider's two timers do: the cost run (commitments first, then the trailing window; see
/// <see cref="ProviderCostRun"/>) and the capacity run, each handing its evaluations to the output queue.
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

        var run = await ProviderCostRun.RunAsync(provider, cancellationToken).ConfigureAwait(false);
        if (run.CommitmentsFailure is { } failure)
        {
            LogCommitmentsFailed(logger, SecretScrubber.Scrub(failure), provider.DisplayName, SecretScrubber.Scrub(failure.Message));
        }
        else if (run.CommitmentsSynced > 0)
        {
            LogCommitmentsSynced(logger, provider.DisplayName, run.CommitmentsSynced);
        }

        return [.. run.Costs.Evaluations.Select(e => e.ToJson())];
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
