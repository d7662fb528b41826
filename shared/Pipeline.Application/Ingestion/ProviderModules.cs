using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Capacity;
using Pipeline.Connectors.Gcp;
using Pipeline.Connectors.Oci;

namespace Pipeline.Application.Ingestion;

/// <summary>
/// The clouds the pipeline pulls, one line each. Everything that iterates providers (the DI registrations, the CLI's
/// <c>ingest &lt;provider&gt;</c> commands and demo, the schedule settings, the snapshot folders, the infra and functions
/// metadata tests) reads this list; adding a cloud is adding its line (docs/adding-a-provider.md).
/// </summary>
public static class ProviderModules
{
    private static readonly ProviderModule[] s_modules =
    [
        ProviderModule.Of<AwsProvider>(),
        ProviderModule.Of<AzureProvider>(),
        ProviderModule.Of<GcpProvider>(),
        ProviderModule.Of<OciProvider>(),
    ];

    public static IReadOnlyList<ProviderIdentity> Identities { get; } = [.. s_modules.Select(m => m.Identity)];

    /// <summary>Each provider's reader of its capacity snapshot subfolder, by <see cref="ProviderIdentity.Key"/>.</summary>
    public static IReadOnlyDictionary<string, CapacitySnapshotReader> SnapshotReaders { get; } =
        s_modules.ToDictionary(m => m.Identity.Key, m => m.ReadSnapshot, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Registers every module's services, its connector, and one keyed <see cref="IProviderIngestion"/> per provider (key: <see cref="ProviderIdentity.Key"/>).
    /// Provider settings are validated when the provider runs, never at start-up (see <see cref="ProviderIngestion"/>).
    /// </summary>
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        foreach (var module in s_modules)
        {
            module.Register(services);
        }

        return services;
    }

    private sealed record ProviderModule(ProviderIdentity Identity, CapacitySnapshotReader ReadSnapshot, Action<IServiceCollection> Register)
    {
        public static ProviderModule Of<T>()
            where T : class, IProviderConnector, IProviderModule =>
            new(T.Identity, T.ReadSnapshot, services =>
            {
                T.AddServices(services);
                services.AddSingleton<T>();
                services.AddSingleton<IProviderConnector>(sp => sp.GetRequiredService<T>());
                services.AddKeyedSingleton<IProviderIngestion>(T.Identity.Key,
                    (sp, _) => ActivatorUtilities.CreateInstance<ProviderIngestion>(sp, T.Identity, (Func<IProviderConnector>)sp.GetRequiredService<T>));
                services.AddSingleton(sp => sp.GetRequiredKeyedService<IProviderIngestion>(T.Identity.Key));
            });
    }
}
