using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Connectors.Common;

/// <summary>
/// A cloud's registration: its identity and the services its connector needs (options bound to its settings section,
/// clients, handlers). Application registers the connector and one ingestion over it for every module it lists.
/// </summary>
public interface IProviderModule
{
    static abstract ProviderIdentity Identity { get; }

    static abstract void AddServices(IServiceCollection services);

    /// <summary>
    /// One saved capacity response of a snapshot folder (<c>{Key}/{kind}__{arg}__....json</c>, see
    /// <see cref="Capacity.CapacitySnapshotFolder"/>) read through the live parsers; null for a kind it does not know.
    /// </summary>
    static abstract IEnumerable<CapacityObservation>? ReadSnapshot(string kind, IReadOnlyList<string> args, JsonElement root, AcceleratorCatalog catalog);
}
