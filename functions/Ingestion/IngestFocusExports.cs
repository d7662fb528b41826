using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Ingestion;

/// <summary>
/// Ingests every configured FOCUS export location on a schedule and emits one <c>evaluations</c> message per
/// changed provider account. A failing location is recorded in <c>runs</c> and does not stop the others; when every
/// location fails the invocation fails too, so the host and its alerts see it.
/// </summary>
public sealed partial class IngestFocusExports(
    FocusExportIngestion ingestion,
    IOptions<FocusExportOptions> options,
    ILogger<IngestFocusExports> logger)
{
    [Function(nameof(IngestFocusExports))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.FocusExports + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var sources = options.Value.Sources;
        if (sources.Count == 0)
        {
            LogNoSources();
            return [];
        }

        var messages = new List<string>();
        var failed = 0;
        foreach (var location in sources)
        {
            try
            {
                var outcome = await ingestion.IngestAsync(location, cancellationToken: cancellationToken);
                messages.AddRange(outcome.Evaluations.Select(e => e.ToJson()));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged (scrubbed) and recorded as a failed run by the ingestion; the next location still runs.
                failed++;
            }
        }

        if (failed == sources.Count)
        {
            throw new InvalidOperationException($"All {failed} FOCUS export location(s) failed; see ./run.sh status (runs) for each error.");
        }

        if (failed > 0)
        {
            LogSomeFailed(failed, sources.Count);
        }

        return [.. messages];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} of {Total} FOCUS export location(s) failed; the others were ingested (see runs)")]
    private partial void LogSomeFailed(int failed, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No FOCUS export locations configured (FocusExports:Sources); nothing to ingest")]
    private partial void LogNoSources();
}
