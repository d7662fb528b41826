using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Pipeline.Core.Alerts;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Alerts;

/// <summary>
/// The <c>alerts</c> table: PartitionKey = rule, RowKey = subject key (escaped). Every write is conditional on
/// the ETag that was read (or on the row not existing), so two writers never both win.
/// </summary>
public sealed class AlertStore(PipelineTables tables)
{
    public async Task<AlertState?> GetAsync(string rule, string subjectKey, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Alerts).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(rule), TableKey.Escape(subjectKey), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? AlertEntityMapper.FromEntity(response.Value!) : null;
    }

    /// <summary>Writes <paramref name="state"/> if nobody changed the row since it was read; false on a lost race.</summary>
    public async Task<bool> TryWriteAsync(AlertState state, CancellationToken cancellationToken = default) =>
        await TryReplaceAsync(state, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Writes <paramref name="state"/> if nobody changed the row since it was read and returns it with its new ETag
    /// (for a further conditional write of the same holder); null on a lost race.
    /// </summary>
    public async Task<AlertState?> TryReplaceAsync(AlertState state, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Alerts).ConfigureAwait(false);
        var entity = AlertEntityMapper.ToEntity(state);
        try
        {
            var response = state.ETag is null
                ? await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(entity, new ETag(state.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return state with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<AlertState> ListAsync(string? rule = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Alerts).ConfigureAwait(false);
        var query = rule is null
            ? table.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(rule)}"), cancellationToken: cancellationToken);
        await foreach (var entity in query.ConfigureAwait(false))
        {
            yield return AlertEntityMapper.FromEntity(entity);
        }
    }
}
