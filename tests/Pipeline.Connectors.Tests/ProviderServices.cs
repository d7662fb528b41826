using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Testing;
using TokenCredential = Azure.Core.TokenCredential;

namespace Pipeline.Connectors.Tests;

/// <summary>
/// A provider's services as the host composes them (its <c>AddServices</c>: options, named HttpClient with resilience
/// and signing handlers, connectors), with the test's options, credential and clock in place of configuration.
/// <c>overrides</c> replace a service (a fixed token source) after the provider's registrations. Disposing it disposes the HttpClients' handlers.
/// </summary>
internal sealed class ProviderServices : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public T Get<T, TOptions>(Action<IServiceCollection> addServices, IOptions<TOptions> options, TimeProvider time, TokenCredential? credential = null,
        Action<IServiceCollection>? overrides = null)
        where T : notnull
        where TOptions : class
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(time);
        services.AddSingleton(credential ?? new StaticTokenCredential("unused"));
        addServices(services);
        services.AddSingleton(options);
        overrides?.Invoke(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<T>();
    }

    public void Dispose() => _providers.ForEach(p => p.Dispose());
}
