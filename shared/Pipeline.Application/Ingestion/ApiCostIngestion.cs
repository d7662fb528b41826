using Pipeline.Core.Diagnostics;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Runs;

namespace Pipeline.Application.Ingestion;

/// <summary>
/// Ingests a provider billing API's trailing window: pull, aggregate to the daily grain, replace the window
/// [from, to) of this source and billing account, record the run with its paid calls. A failed pull records a failed
/// run and leaves the stored rows untouched; other providers are unaffected.
/// </summary>
public sealed partial class ApiCostIngestion(CostStore costs, RunStore runs, TimeProvider time, ILogger<ApiCostIngestion> logger)
{
    public async Task<IngestionOutcome> IngestAsync(string source, string provider, string billingAccountId, DateOnly from, DateOnly to,
        Func<ProviderCallMeter, CancellationToken, Task<CostPull>> pull, CancellationToken cancellationToken = default)
    {
        var runId = Guid.CreateVersion7().ToString("n");
        var started = time.GetUtcNow();
        var meter = new ProviderCallMeter();
        var location = $"{provider} {billingAccountId} {from:yyyy-MM-dd}..{to.AddDays(-1):yyyy-MM-dd}";
        try
        {
            var pulledBatch = await pull(meter, cancellationToken).ConfigureAwait(false);
            var pulled = pulledBatch.Rows;
            var aggregator = new DailyCostAggregator();
            foreach (var row in pulled)
            {
                // The window is what gets replaced: a day outside it would either be refused by the store or, summed
                // into a neighbouring run's day, counted twice. Nothing is written and the run fails naming the day.
                if (row.ChargePeriodStart < from || row.ChargePeriodStart >= to)
                {
                    throw new ProviderBadResponseException(provider,
                        $"returned costs for {row.ChargePeriodStart:yyyy-MM-dd}, outside the requested window {from:yyyy-MM-dd}..{to.AddDays(-1):yyyy-MM-dd}");
                }

                aggregator.Add(row);
            }

            var rows = aggregator.ToRows(source, "api");
            var scope = new ReplacementScope(source, provider, billingAccountId, from, to);
            var result = await costs.ReplaceAsync(rows, [scope], runId, started, cancellationToken).ConfigureAwait(false);
            var run = new RunRecord
            {
                RunId = runId, Source = source, Status = RunStatus.Succeeded, StartedAt = started, FinishedAt = time.GetUtcNow(), Location = location,
                WindowStart = from, WindowEnd = to, RowsRead = pulled.Count, RowsUpserted = result.Upserted, RowsDeleted = result.Deleted,
                RowsUnchanged = result.Unchanged, PaidApiCalls = meter.PaidCalls, ApiCalls = meter.Requests,
                ThrottledSeconds = Math.Round(meter.ThrottledFor.TotalSeconds, 1), BytesScanned = pulledBatch.BytesScanned,
            };
            await runs.RecordAsync(run, cancellationToken).ConfigureAwait(false);
            LogIngested(source, pulled.Count, result.Upserted, result.Deleted, run.PaidApiCalls, run.ApiCalls, run.ThrottledSeconds);
            return new IngestionOutcome(run, [new EvaluationRequest(EvaluationRequest.CostsKind, provider, billingAccountId, from, to, runId)]);
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(new RunRecord
            {
                RunId = runId, Source = source, Status = RunStatus.Failed, StartedAt = started, FinishedAt = started, Location = location,
                WindowStart = from, WindowEnd = to, PaidApiCalls = meter.PaidCalls, ApiCalls = meter.Requests,
                ThrottledSeconds = Math.Round(meter.ThrottledFor.TotalSeconds, 1),
            }, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Records a cost run that could not start (the provider's settings are invalid), so <c>runs</c> and the watchdog show it.</summary>
    public Task RecordFailureAsync(string source, string location, Exception exception) =>
        RecordFailureAsync(new RunRecord
        {
            RunId = Guid.CreateVersion7().ToString("n"), Source = source, Status = RunStatus.Failed, StartedAt = time.GetUtcNow(), FinishedAt = time.GetUtcNow(), Location = location,
        }, exception);

    private async Task RecordFailureAsync(RunRecord run, Exception exception)
    {
        var error = RunRecord.ErrorOf(exception);
        LogFailed(SecretScrubber.Scrub(exception), run.Source, error);

        // Recorded even when the run was cancelled: the failure is what the watchdog and ./run.sh status show.
        await runs.RecordAsync(run with { FinishedAt = time.GetUtcNow(), Error = error }, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {Source}: {Rows} rows pulled, {Upserted} written, {Deleted} deleted, {PaidCalls} paid of {ApiCalls} API call(s), {ThrottledSeconds} s throttled")]
    private partial void LogIngested(string source, int rows, int upserted, int deleted, int paidCalls, int apiCalls, double throttledSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest of {Source} failed: {Error}")]
    private partial void LogFailed(Exception exception, string source, string error);
}
