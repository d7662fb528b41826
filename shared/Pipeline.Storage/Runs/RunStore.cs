using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Pipeline.Core.Runs;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Runs;

/// <summary>
/// The <c>runs</c> table: PartitionKey = source, RowKey = inverted timestamp + run id, so the newest run of a
/// source comes first in a partition scan.
/// </summary>
public sealed class RunStore(PipelineTables tables)
{
    public async Task RecordAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Runs).ConfigureAwait(false);
        var entity = new TableEntity(TableKey.Escape(run.Source), RowKey(run))
        {
            ["RunId"] = run.RunId,
            ["Source"] = run.Source,
            ["Status"] = run.Status.ToString(),
            ["StartedAt"] = run.StartedAt,
            ["FinishedAt"] = run.FinishedAt,
            ["DurationMs"] = (long)run.Duration.TotalMilliseconds,
            ["Location"] = run.Location,
            ["WindowStart"] = run.WindowStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["WindowEnd"] = run.WindowEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["RowsRead"] = run.RowsRead,
            ["RowsUpserted"] = run.RowsUpserted,
            ["RowsDeleted"] = run.RowsDeleted,
            ["RowsUnchanged"] = run.RowsUnchanged,
            ["RowErrors"] = run.RowErrors,
            ["PaidApiCalls"] = run.PaidApiCalls,
            ["ApiCalls"] = run.ApiCalls,
            ["ThrottledSeconds"] = run.ThrottledSeconds,
            ["BytesScanned"] = run.BytesScanned,
            ["Error"] = Truncate(run.Error),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The most recent runs across all sources, newest first.</summary>
    public async IAsyncEnumerable<RunRecord> ListRecentAsync(int perSource, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Runs).ConfigureAwait(false);
        var counts = new Dictionary<string, int>();
        var runs = new List<RunRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var seen = counts.GetValueOrDefault(entity.PartitionKey);
            if (seen < perSource)
            {
                counts[entity.PartitionKey] = seen + 1;
                runs.Add(FromEntity(entity));
            }
        }

        foreach (var run in runs.OrderByDescending(r => r.StartedAt))
        {
            yield return run;
        }
    }

    /// <summary>The newest successful run of <paramref name="source"/>, if any.</summary>
    public async Task<RunRecord?> GetLatestSuccessAsync(string source, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Runs).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(source)} and Status eq {RunStatus.Succeeded.ToString()}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return FromEntity(entity);
        }

        return null;
    }

    private static string RowKey(RunRecord run) =>
        $"{(DateTimeOffset.MaxValue.UtcTicks - run.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}{TableKey.Separator}{TableKey.Escape(run.RunId)}";

    private static RunRecord FromEntity(TableEntity e) => new()
    {
        RunId = e.GetString("RunId"),
        Source = e.GetString("Source"),
        Status = Enum.TryParse<RunStatus>(e.GetString("Status"), out var status) ? status : RunStatus.Failed,
        StartedAt = e.GetDateTimeOffset("StartedAt") ?? default,
        FinishedAt = e.GetDateTimeOffset("FinishedAt") ?? default,
        Location = e.GetString("Location"),
        WindowStart = e.GetString("WindowStart") is { } ws ? DateOnly.Parse(ws, CultureInfo.InvariantCulture) : null,
        WindowEnd = e.GetString("WindowEnd") is { } we ? DateOnly.Parse(we, CultureInfo.InvariantCulture) : null,
        RowsRead = e.GetInt64("RowsRead") ?? 0,
        RowsUpserted = e.GetInt32("RowsUpserted") ?? 0,
        RowsDeleted = e.GetInt32("RowsDeleted") ?? 0,
        RowsUnchanged = e.GetInt32("RowsUnchanged") ?? 0,
        RowErrors = e.GetInt64("RowErrors") ?? 0,
        PaidApiCalls = e.GetInt32("PaidApiCalls") ?? 0,
        ApiCalls = e.GetInt32("ApiCalls") ?? 0,
        ThrottledSeconds = e.GetDouble("ThrottledSeconds") ?? 0,
        BytesScanned = e.GetInt64("BytesScanned") ?? 0,
        Error = e.GetString("Error"),
    };

    // A string property holds at most 32K characters; an error report is useful long before that.
    private static string? Truncate(string? text) => text is { Length: > 16_000 } ? text[..16_000] + " ..." : text;
}
