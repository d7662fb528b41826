using System.Collections.Concurrent;
using Azure;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs.Replacement;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Costs;

/// <summary>
/// The <c>costs</c> table. Writes replace whole windows (<see cref="ReplacementScope"/>): new or changed rows are
/// upserted, rows that vanished from the source are deleted, identical rows are left untouched, so re-running
/// an ingest is a no-op and a restatement is applied exactly once.
/// <para>
/// Each (provider, billing account) is replaced atomically for this store's readers: the writer holds the account's
/// head row in <c>costreplacements</c>, journals every change there before touching <c>costs</c>, applies the journal
/// (conditional writes, transient failures retried) and then commits a new version. Readers wait for a replacement in
/// progress and re-read when one committed while they read, so they see the window entirely before or entirely after
/// it; a writer that dies half-way is finished from its journal by the next reader or writer. Holding the head also
/// makes the one-source-per-account check and the write one step, so two sources cannot both pass it.
/// </para>
/// </summary>
public sealed class CostStore(PipelineTables tables, TimeProvider time)
{
    private const int MaxParallelism = 8;
    private const int MaxReadAttempts = 5;

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
        var coordinator = await CoordinatorAsync(table).ConfigureAwait(false);
        var total = new ReplaceResult(0, 0, 0);

        // One atomic replacement per billing account, in a fixed order so that concurrent multi-account runs queue up
        // behind each other instead of holding each other's accounts.
        foreach (var account in scopes.GroupBy(s => (s.ProviderName, s.BillingAccountId)).OrderBy(g => g.Key.ProviderName, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.BillingAccountId, StringComparer.Ordinal))
        {
            var accountRows = rows.Where(r => r.ProviderName == account.Key.ProviderName && r.BillingAccountId == account.Key.BillingAccountId).ToList();
            var result = await ReplaceAccountAsync(table, coordinator, account.Key.ProviderName, account.Key.BillingAccountId, accountRows, account.ToList(), runId, ingestedAt,
                cancellationToken).ConfigureAwait(false);
            total = new ReplaceResult(total.Upserted + result.Upserted, total.Deleted + result.Deleted, total.Unchanged + result.Unchanged);
        }

        return total;
    }

    private async Task<ReplaceResult> ReplaceAccountAsync(TableClient table, ReplacementCoordinator coordinator, string provider, string account,
        List<CostRow> rows, List<ReplacementScope> scopes, string runId, DateTimeOffset ingestedAt, CancellationToken cancellationToken)
    {
        var lease = await coordinator.AcquireAsync(ReplacementHead.KeyOf(provider, account), runId, cancellationToken).ConfigureAwait(false);
        var journaled = false;
        try
        {
            if (rows.Count > 0 && await OtherSourceAsync(table, scopes, cancellationToken).ConfigureAwait(false) is { } conflict)
            {
                throw new CostSourceConflictException(conflict.Scope.ProviderName, conflict.Scope.BillingAccountId, conflict.Scope.Source, conflict.Other);
            }

            var existing = await ReadExistingAsync(table, scopes, cancellationToken).ConfigureAwait(false);
            var (actions, unchanged) = Plan(rows, existing, runId, ingestedAt);
            var upserted = actions.Count(a => !a.IsDelete);
            if (actions.Count == 0)
            {
                await lease.ReleaseAsync(cancellationToken).ConfigureAwait(false);
                return new ReplaceResult(0, 0, unchanged);
            }

            await coordinator.Journal.WriteAsync(lease.Key, runId, actions, cancellationToken).ConfigureAwait(false);
            await lease.MarkJournalCompleteAsync(cancellationToken).ConfigureAwait(false);
            journaled = true;
            await JournalApplier.ApplyAsync(table, actions, lease.HeartbeatAsync, cancellationToken).ConfigureAwait(false);

            // Not committed means another run took over while this one stalled; it applies and commits the same journal.
            await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
            await coordinator.Journal.DeleteAsync(lease.Key, runId, cancellationToken).ConfigureAwait(false);
            return new ReplaceResult(upserted, actions.Count - upserted, unchanged);
        }
        catch (Exception) when (!journaled)
        {
            // Nothing reached costs: give the head back (best effort; a dead lease expires on its own).
            await ReleaseQuietlyAsync(lease).ConfigureAwait(false);
            await coordinator.Journal.DeleteAsync(lease.Key, runId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception)
        {
            // The journal is complete: readers must not see the half-applied window, so the replacement stays pending,
            // marked for the next reader or writer to finish at once.
            await lease.AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ReleaseQuietlyAsync(ReplacementLease lease)
    {
        try
        {
            await lease.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
        }
    }

    private static (List<JournalAction> Actions, int Unchanged) Plan(List<CostRow> rows, Dictionary<(string PartitionKey, string RowKey), (string? Hash, ETag ETag)> existing,
        string runId, DateTimeOffset ingestedAt)
    {
        var actions = new List<JournalAction>();
        var incoming = new HashSet<(string, string)>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            var entity = CostEntityMapper.ToEntity(row, runId, ingestedAt);
            if (!incoming.Add((entity.PartitionKey, entity.RowKey)))
            {
                throw new ArgumentException($"Two rows map to the same key {entity.PartitionKey}/{entity.RowKey}: aggregate before writing.", nameof(rows));
            }

            if (existing.TryGetValue((entity.PartitionKey, entity.RowKey), out var current) && current.Hash == entity.GetString(CostColumns.ContentHash))
            {
                unchanged++;
                continue;
            }

            actions.Add(new JournalAction(false, entity.PartitionKey, entity.RowKey, existing.ContainsKey((entity.PartitionKey, entity.RowKey)) ? current.ETag : null, entity));
        }

        foreach (var (key, current) in existing.Where(e => !incoming.Contains(e.Key)))
        {
            actions.Add(new JournalAction(true, key.PartitionKey, key.RowKey, current.ETag, null));
        }

        return (actions, unchanged);
    }

    private async Task<ReplacementCoordinator> CoordinatorAsync(TableClient costs) =>
        new(await tables.GetAsync(PipelineTables.CostReplacements).ConfigureAwait(false), costs, time);

    /// <summary>
    /// Every stored row (for exports), streamed partition by partition. Waits for replacements in progress first; if one
    /// commits while the rows stream, the enumeration ends with <see cref="CostsChangedDuringReadException"/>: discard
    /// what was read and read again.
    /// </summary>
    public async IAsyncEnumerable<CostRow> QueryAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Costs).ConfigureAwait(false);
        var coordinator = await CoordinatorAsync(table).ConfigureAwait(false);
        var snapshot = await coordinator.SnapshotAsync(null, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return CostEntityMapper.FromEntity(entity);
        }

        if (await coordinator.ChangedSinceAsync(snapshot, null, cancellationToken).ConfigureAwait(false))
        {
            throw new CostsChangedDuringReadException();
        }
    }

    /// <summary>One provider's rows with a charge day in [<paramref name="from"/>, <paramref name="to"/>], all accounts, as of one committed version of each.</summary>
    public async IAsyncEnumerable<CostRow> QueryProviderAsync(string providerName, DateOnly from, DateOnly to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = TableKey.Escape(providerName) + TableKey.Separator;

        // '}' sorts right after '|', so [prefix, prefix with '}') is exactly this provider's partitions.
        var end = prefix[..^1] + "}";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {prefix} and PartitionKey lt {end} and ChargePeriodStart ge {Utc(from)} and ChargePeriodStart le {Utc(to)}");
        foreach (var row in await ReadConsistentAsync(providerName, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Every provider's rows with a charge day in [<paramref name="from"/>, <paramref name="to"/>], as of one committed version of each account.</summary>
    public async IAsyncEnumerable<CostRow> QueryAllAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"ChargePeriodStart ge {Utc(from)} and ChargePeriodStart le {Utc(to)}");
        foreach (var row in await ReadConsistentAsync(null, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Reads between two identical snapshots of the heads (a seqlock): no replacement started or committed meanwhile.</summary>
    private async Task<List<CostRow>> ReadConsistentAsync(string? provider, string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(PipelineTables.Costs).ConfigureAwait(false);
        var coordinator = await CoordinatorAsync(table).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await coordinator.SnapshotAsync(provider, cancellationToken).ConfigureAwait(false);
            var rows = new List<CostRow>();
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(CostEntityMapper.FromEntity(entity));
            }

            if (!await coordinator.ChangedSinceAsync(snapshot, provider, cancellationToken).ConfigureAwait(false))
            {
                return rows;
            }

            if (attempt == MaxReadAttempts)
            {
                throw new CostsChangedDuringReadException();
            }
        }
    }

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static async Task<Dictionary<(string PartitionKey, string RowKey), (string? Hash, ETag ETag)>> ReadExistingAsync(TableClient table,
        IEnumerable<ReplacementScope> scopes, CancellationToken cancellationToken)
    {
        var queries = scopes.SelectMany(s => MonthsOf(s).Select(month => (Scope: s, Month: month))).ToList();
        var found = new ConcurrentDictionary<(string, string), (string?, ETag)>();
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
                    found[(entity.PartitionKey, entity.RowKey)] = (entity.GetString(CostColumns.ContentHash), entity.ETag);
                }
            }).ConfigureAwait(false);
        return new Dictionary<(string, string), (string?, ETag)>(found);
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
