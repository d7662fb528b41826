using Pipeline.Core.Diagnostics;
using Pipeline.Connectors.Capacity;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Capacity;
using Pipeline.Storage.Runs;

namespace Pipeline.Application.Capacity;

/// <summary>
/// Ingests capacity observations (from a connector or a snapshot folder): converts them with the accelerator
/// catalog, replaces each provider account's latest snapshot, appends the daily history and records the run.
/// Families the catalog does not know are kept and reported in the run.
/// </summary>
public sealed partial class CapacityIngestion(CapacityStore store, RunStore runs, TimeProvider time, ILogger<CapacityIngestion> logger)
{
    public const string SnapshotSource = "capacity-snapshots";

    public async Task<CapacityIngestionOutcome> IngestFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var errors = new SourceErrorLog();
        try
        {
            var observations = CapacitySnapshotFolder.Read(folder, AcceleratorCatalog.Default, Ingestion.ProviderModules.SnapshotReaders, errors);
            if (errors.HasErrors)
            {
                throw new InvalidSourceDataException(errors);
            }

            return await IngestAsync(SnapshotSource, Path.GetFullPath(folder), observations, started, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidSourceDataException or DirectoryNotFoundException)
        {
            await RecordFailureAsync(SnapshotSource, folder, started, errors.Count, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A cloud's live capacity pull: a pull that fails is recorded in <c>runs</c> (scrubbed) before it propagates, like a cost pull.</summary>
    public async Task<CapacityIngestionOutcome> IngestPullAsync(string source, string location, Func<CancellationToken, Task<IReadOnlyList<CapacityObservation>>> pull,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        IReadOnlyList<CapacityObservation> observations;
        try
        {
            observations = await pull(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPullFailed(SecretScrubber.Scrub(ex), source, RunRecord.ErrorOf(ex));
            await RecordFailureAsync(source, location, started, 0, ex).ConfigureAwait(false);
            throw;
        }

        return await IngestAsync(source, location, observations, started, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CapacityIngestionOutcome> IngestAsync(string source, string location, IReadOnlyCollection<CapacityObservation> observations, DateTimeOffset started,
        CancellationToken cancellationToken = default)
    {
        var normalizer = new CapacityNormalizer(AcceleratorCatalog.Default);
        var records = observations.Select(o => normalizer.Normalize(o, started)).ToList();
        var (written, removed) = await store.ReplaceSnapshotAsync(records, cancellationToken).ConfigureAwait(false);
        var run = new RunRecord
        {
            RunId = Guid.CreateVersion7().ToString("n"),
            Source = source,
            Status = RunStatus.Succeeded,
            StartedAt = started,
            FinishedAt = time.GetUtcNow(),
            Location = LocationRedactor.Redact(location),
            RowsRead = observations.Count,
            RowsUpserted = written,
            RowsDeleted = removed,
            Error = normalizer.Unknown.Count > 0 ? "Not in the accelerator catalog (kept without GPU numbers): " + string.Join("; ", normalizer.Unknown) : null,
        };
        await runs.RecordAsync(run, cancellationToken).ConfigureAwait(false);
        foreach (var unknown in normalizer.Unknown)
        {
            LogUnknown(unknown);
        }

        var today = DateOnly.FromDateTime(started.UtcDateTime);
        var requests = records.Select(r => r.ProviderName).Distinct()
            .Select(p => new EvaluationRequest(EvaluationRequest.CapacityKind, p, "*", today, today.AddDays(1), run.RunId)).ToList();
        return new CapacityIngestionOutcome(run, records, normalizer.Unknown.ToList(), requests);
    }

    private async Task RecordFailureAsync(string source, string location, DateTimeOffset started, long rowErrors, Exception ex) =>
        await runs.RecordAsync(new RunRecord
        {
            RunId = Guid.CreateVersion7().ToString("n"),
            Source = source,
            Status = RunStatus.Failed,
            StartedAt = started,
            FinishedAt = time.GetUtcNow(),
            Location = LocationRedactor.Redact(location),
            RowErrors = rowErrors,
            Error = SecretScrubber.Scrub(ex.Message),
        }, CancellationToken.None).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Error, Message = "Capacity pull of {Source} failed: {Error}")]
    private partial void LogPullFailed(Exception exception, string source, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capacity family not in the accelerator catalog, kept without GPU numbers: {Family}")]
    private partial void LogUnknown(string family);
}
