using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Http;

public static class ProviderHttpRegistration
{
    /// <summary>
    /// A provider's named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, its handlers in the order of
    /// <see cref="ProviderHttp.Chain"/>: resilience with the provider's classifier and retry budget, then its signing.
    /// </summary>
    public static IHttpClientBuilder AddProviderHttpClient(this IServiceCollection services, string name, Func<IServiceProvider, IProviderErrorClassifier> classifier,
        Func<IServiceProvider, ProviderRetryOptions> retry, Func<IServiceProvider, DelegatingHandler>? signing = null, TimeSpan? timeout = null)
    {
        var builder = services.AddHttpClient(name, client => client.Timeout = timeout ?? TimeSpan.FromSeconds(100))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        builder.AddResilienceHandler(name + "-retry", (pipeline, context) =>
            ProviderResilience.Configure(pipeline, classifier(context.ServiceProvider), retry(context.ServiceProvider), context.ServiceProvider.GetRequiredService<TimeProvider>()));
        return signing is null ? builder : builder.AddHttpMessageHandler(signing);
    }
}
