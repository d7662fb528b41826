using Pipeline.Core.Diagnostics;
using Pipeline.Connectors.Focus;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Runs;

namespace Pipeline.Application.Ingestion;

/// <summary>
/// Ingests one FOCUS export location: read every file, aggregate to the daily grain, and only if the whole
/// source is valid replace its billing-period windows in <c>costs</c>. Every attempt is recorded in <c>runs</c>.
/// </summary>
public sealed partial class FocusExportIngestion(
    FocusFileSourceFactory sources,
    FocusExportReader reader,
    CostStore costs,
    RunStore runs,
    TimeProvider time,
    ILogger<FocusExportIngestion> logger)
{
    public const string SourceName = "focus-exports";
    public const string SourceKind = "export";

    public async Task<IngestionOutcome> IngestAsync(string location, IProgress<FocusReadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var runId = Guid.CreateVersion7().ToString("n");
        var started = time.GetUtcNow();
        var description = LocationRedactor.Redact(location);
        long rowsRead = 0;
        long rowErrors = 0;
        try
        {
            var source = sources.Create(location);
            description = LocationRedactor.Redact(source.Description);
            var aggregator = new DailyCostAggregator();
            var errors = new SourceErrorLog();
            rowsRead = await reader.ReadAsync(source, aggregator, errors, progress, cancellationToken).ConfigureAwait(false);
            rowErrors = errors.Count;
            if (errors.HasErrors)
            {
                throw new InvalidSourceDataException(errors);
            }

            var rows = aggregator.ToRows(SourceName, SourceKind);
            var scopes = ReplacementScopes.ForBillingPeriods(rows, SourceName);
            var result = await costs.ReplaceAsync(rows, scopes, runId, started, cancellationToken).ConfigureAwait(false);
            var run = new RunRecord
            {
                RunId = runId,
                Source = SourceName,
                Status = RunStatus.Succeeded,
                StartedAt = started,
                FinishedAt = time.GetUtcNow(),
                Location = description,
                WindowStart = scopes.Count > 0 ? scopes.Min(s => s.From) : null,
                WindowEnd = scopes.Count > 0 ? scopes.Max(s => s.To) : null,
                RowsRead = rowsRead,
                RowsUpserted = result.Upserted,
                RowsDeleted = result.Deleted,
                RowsUnchanged = result.Unchanged,
            };
            await runs.RecordAsync(run, cancellationToken).ConfigureAwait(false);
            LogIngested(description, rowsRead, rows.Count, result.Upserted, result.Deleted, result.Unchanged);
            return new IngestionOutcome(run, EvaluationsFor(scopes, runId));
        }
        catch (Exception ex)
        {
            var error = RunRecord.ErrorOf(ex);
            LogFailed(SecretScrubber.Scrub(ex), description, error);
            await runs.RecordAsync(new RunRecord
            {
                RunId = runId,
                Source = SourceName,
                Status = RunStatus.Failed,
                StartedAt = started,
                FinishedAt = time.GetUtcNow(),
                Location = description,
                RowsRead = rowsRead,
                RowErrors = rowErrors,
                Error = error,
            }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static List<EvaluationRequest> EvaluationsFor(IEnumerable<ReplacementScope> scopes, string runId) =>
        scopes.GroupBy(s => (s.ProviderName, s.BillingAccountId))
            .Select(g => new EvaluationRequest(EvaluationRequest.CostsKind, g.Key.ProviderName, g.Key.BillingAccountId,
                g.Min(s => s.From), g.Max(s => s.To), runId))
            .ToList();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Ingested FOCUS export {Location}: {RowsRead} source rows -> {DailyRows} daily rows ({Upserted} written, {Deleted} deleted, {Unchanged} unchanged)")]
    private partial void LogIngested(string location, long rowsRead, int dailyRows, int upserted, int deleted, int unchanged);

    [LoggerMessage(Level = LogLevel.Error, Message = "FOCUS export ingest of {Location} failed: {Error}")]
    private partial void LogFailed(Exception exception, string location, string error);
}
