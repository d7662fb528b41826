using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// Hands each AWS pull JSON 1.1 clients over the provider's named HttpClient (resilience, then SigV4), sharing one meter
/// per pull. The credentials are resolved when the first client is made, so a disabled connector needs none.
/// </summary>
public sealed class AwsHttp(IHttpClientFactory factory, AwsErrorClassifier classifier)
{
    public const string ClientName = "aws";

    /// <summary>A client for one JSON 1.1 API (<paramref name="targetPrefix"/> as in <c>X-Amz-Target</c>) in one region.</summary>
    /// <param name="paid">Every request of this API is charged (Cost Explorer: $0.01 a request, each page included).</param>
    public AwsJsonClient NewJsonClient(string region, string service, Uri endpoint, string targetPrefix, ProviderCallMeter meter, bool paid = false) =>
        new(factory.CreateClient(ClientName), classifier, meter, region, service, endpoint, targetPrefix, paid);

    public static void AddHttpClient(IServiceCollection services)
    {
        services.AddSingleton(sp => new AwsErrorClassifier(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AwsHttp>();
        services.AddProviderHttpClient(ClientName, sp => sp.GetRequiredService<AwsErrorClassifier>(),
            sp => new ProviderRetryOptions(sp.GetRequiredService<IOptions<AwsOptions>>().Value.RetryBudget, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10)),
            sp => new AwsSigningHandler(sp.GetRequiredService<AwsCredentialsFactory>().Get()));
    }
}
