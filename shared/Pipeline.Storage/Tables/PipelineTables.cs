using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Pipeline.Storage.Tables;

/// <summary>
/// The pipeline's tables by their public names. Each is created on first use if missing (idempotent, once
/// per process), so a fresh storage account or Azurite needs no setup step.
/// </summary>
public sealed class PipelineTables(StorageClients clients)
{
    public const string Costs = "costs";
    public const string Runs = "runs";
    public const string Commitments = "commitments";
    public const string BurnRate = "burnrate";
    public const string Alerts = "alerts";
    public const string FxRates = "fxrates";
    public const string Capacity = "capacity";
    public const string CapacityHistory = "capacityhistory";

    /// <summary>Bookkeeping of <c>costs</c> replacements: one head row per billing account and the journals of runs in progress.</summary>
    public const string CostReplacements = "costreplacements";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public Task<TableClient> GetAsync(string name) =>
        _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n, CancellationToken.None))).Value;

    // Creation is not tied to one caller's token: the task is shared by every caller.
    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = clients.Tables.GetTableClient(clients.Prefix + name);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
