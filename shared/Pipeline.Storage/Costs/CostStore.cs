using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Costs;

/// <summary>
/// The <c>costs</c> table. Writes replace whole windows (<see cref="ReplacementScope"/>): new or changed rows are
/// upserted, rows that vanished from the source are deleted, identical rows are left untouched, so re-running
/// an ingest is a no-op and a restatement is applied exactly once.
/// </summary>
public sealed class CostStore(PipelineTables tables)
{
    private const int MaxParallelism = 8;

    public async Task<ReplaceResult> ReplaceAsync(IReadOnlyCollection<CostRow> rows, IReadOnlyCollection<ReplacementScope> scopes,
        string runId, DateTimeOffset ingestedAt, CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            if (!scopes.Any(s => s.Source == row.Source && s.ProviderName == row.ProviderName && s.BillingAccountId == row.BillingAccountId
                                 && s.Contains(row.ChargePeriodStart, row.BillingPeriodStart)))
            {
                throw new ArgumentException($"Row {row.ProviderName}/{row.BillingAccountId}/{row.ChargePeriodStart:yyyy-MM-dd} lies outside every replacement scope.", nameof(rows));
            }
        }

        var table = await tables.GetAsync(PipelineTables.Costs).ConfigureAwait(false);
        if (rows.Count > 0 && await OtherSourceAsync(table, scopes, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            throw new CostSourceConflictException(conflict.Scope.ProviderName, conflict.Scope.BillingAccountId, conflict.Scope.Source, conflict.Other);
        }

        var existing = await ReadExistingAsync(table, scopes, cancellationToken).ConfigureAwait(false);

        var actions = new List<TableTransactionAction>();
        var incoming = new HashSet<(string, string)>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            var entity = CostEntityMapper.ToEntity(row, runId, ingestedAt);
            if (!incoming.Add((entity.PartitionKey, entity.RowKey)))
            {
                throw new ArgumentException($"Two rows map to the same key {entity.PartitionKey}/{entity.RowKey}: aggregate before writing.", nameof(rows));
            }

            if (existing.TryGetValue((entity.PartitionKey, entity.RowKey), out var hash) && hash == entity.GetString(CostColumns.ContentHash))
            {
                unchanged++;
                continue;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        var upserted = actions.Count;
        foreach (var key in existing.Keys.Where(k => !incoming.Contains(k)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(key.PartitionKey, key.RowKey), Azure.ETag.All));
        }

        await TableBatchWriter.SubmitAsync(table, actions, MaxParallelism, cancellationToken).ConfigureAwait(false);
        return new ReplaceResult(upserted, actions.Count - upserted, unchanged);
    }

    /// <summary>Every stored row (for exports), partition by partition.</summary>
    public async IAsyncEnumerable<CostRow> QueryAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Costs).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return CostEntityMapper.FromEntity(entity);
        }
    }

    /// <summary>One provider's rows with a charge day in [<paramref name="from"/>, <paramref name="to"/>], all accounts.</summary>
    public async IAsyncEnumerable<CostRow> QueryProviderAsync(string providerName, DateOnly from, DateOnly to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Costs).ConfigureAwait(false);
        var prefix = TableKey.Escape(providerName) + TableKey.Separator;

        // '}' sorts right after '|', so [prefix, prefix with '}') is exactly this provider's partitions.
        var end = prefix[..^1] + "}";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {prefix} and PartitionKey lt {end} and ChargePeriodStart ge {Utc(from)} and ChargePeriodStart le {Utc(to)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return CostEntityMapper.FromEntity(entity);
        }
    }

    /// <summary>Every provider's rows with a charge day in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public async IAsyncEnumerable<CostRow> QueryAllAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Costs).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"ChargePeriodStart ge {Utc(from)} and ChargePeriodStart le {Utc(to)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return CostEntityMapper.FromEntity(entity);
        }
    }

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static async Task<Dictionary<(string PartitionKey, string RowKey), string?>> ReadExistingAsync(TableClient table,
        IEnumerable<ReplacementScope> scopes, CancellationToken cancellationToken)
    {
        var queries = scopes.SelectMany(s => MonthsOf(s).Select(month => (Scope: s, Month: month))).ToList();
        var found = new ConcurrentDictionary<(string, string), string?>();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = cancellationToken },
            async (query, ct) =>
            {
                var (scope, month) = query;
                var from = month > scope.From ? month : scope.From;
                var nextMonth = month.AddMonths(1);
                var to = nextMonth < scope.To ? nextMonth : scope.To;
                var partition = CostEntityMapper.PartitionKey(scope.ProviderName, scope.BillingAccountId, month);
                var filter = scope.BillingPeriodStart is { } period
                    ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {CostEntityMapper.RowKeyPrefix(from)} and RowKey lt {CostEntityMapper.RowKeyPrefix(to)} and x_Source eq {scope.Source} and BillingPeriodStart eq {new DateTimeOffset(period.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)}")
                    : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {CostEntityMapper.RowKeyPrefix(from)} and RowKey lt {CostEntityMapper.RowKeyPrefix(to)} and x_Source eq {scope.Source}");
                await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", CostColumns.ContentHash], cancellationToken: ct).ConfigureAwait(false))
                {
                    found[(entity.PartitionKey, entity.RowKey)] = entity.GetString(CostColumns.ContentHash);
                }
            }).ConfigureAwait(false);
        return new Dictionary<(string, string), string?>(found);
    }

    /// <summary>The first row of another source on the days of a scope (same provider and billing account), if any.</summary>
    private static async Task<(ReplacementScope Scope, string Other)?> OtherSourceAsync(TableClient table, IEnumerable<ReplacementScope> scopes, CancellationToken cancellationToken)
    {
        foreach (var scope in scopes)
        {
            foreach (var month in MonthsOf(scope))
            {
                var from = month > scope.From ? month : scope.From;
                var nextMonth = month.AddMonths(1);
                var to = nextMonth < scope.To ? nextMonth : scope.To;
                var partition = CostEntityMapper.PartitionKey(scope.ProviderName, scope.BillingAccountId, month);
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {partition} and RowKey ge {CostEntityMapper.RowKeyPrefix(from)} and RowKey lt {CostEntityMapper.RowKeyPrefix(to)} and x_Source ne {scope.Source}");
                await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: [CostColumns.Source], cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    return (scope, entity.GetString(CostColumns.Source) ?? "unknown");
                }
            }
        }

        return null;
    }

    private static IEnumerable<DateOnly> MonthsOf(ReplacementScope scope)
    {
        for (var month = new DateOnly(scope.From.Year, scope.From.Month, 1); month < scope.To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }
}
