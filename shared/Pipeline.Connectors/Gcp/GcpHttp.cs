using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Gcp.Auth;

namespace Pipeline.Connectors.Gcp;

/// <summary>
/// Hands each Google Cloud pull a <see cref="GoogleApiClient"/> over the provider's named HttpClient (resilience, then
/// the Google bearer), with a meter of its own.
/// </summary>
public sealed class GcpHttp(IHttpClientFactory factory, GoogleErrorClassifier classifier)
{
    public const string ClientName = "gcp";

    /// <summary>The token exchange's own client (STS, IAM Credentials): no bearer, its failures are the token source's to explain.</summary>
    public const string AuthClientName = "gcp-auth";

    /// <param name="meter">The pull's meter (a cost pull's is the ingestion's); a new one when null.</param>
    public GoogleApiClient NewClient(ProviderCallMeter? meter = null) => new(factory.CreateClient(ClientName), classifier, meter ?? new ProviderCallMeter());

    public static void AddHttpClient(IServiceCollection services)
    {
        services.AddSingleton(sp => new GoogleErrorClassifier(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GcpHttp>();
        // The token source keeps this client for the process's life, so its pooled connections are recycled instead of the handler.
        services.AddHttpClient(AuthClientName, client => client.Timeout = TimeSpan.FromMinutes(1))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddProviderHttpClient(ClientName, sp => sp.GetRequiredService<GoogleErrorClassifier>(),
            sp => new ProviderRetryOptions(sp.GetRequiredService<IOptions<GcpOptions>>().Value.RetryBudget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(32)),
            sp => new GoogleBearerHandler(sp.GetRequiredService<IGoogleAccessTokenSource>()),
            timeout: TimeSpan.FromMinutes(2));
    }
}
