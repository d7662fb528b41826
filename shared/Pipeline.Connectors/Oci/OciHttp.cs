using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// Hands each Oracle Cloud pull an <see cref="OciApiClient"/> over the provider's named HttpClient (resilience, then the
/// API-key signer), with a meter of its own. The key is read when the first client is made, so a disabled connector needs none.
/// </summary>
public sealed class OciHttp(IHttpClientFactory factory, OciErrorClassifier classifier)
{
    public const string ClientName = "oci";

    /// <param name="meter">The pull's meter (a cost pull's is the ingestion's); a new one when null.</param>
    public OciApiClient NewClient(ProviderCallMeter? meter = null) => new(factory.CreateClient(ClientName), classifier, meter ?? new ProviderCallMeter());

    public static void AddHttpClient(IServiceCollection services)
    {
        services.AddSingleton(sp => new OciErrorClassifier(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OciHttp>();
        services.AddProviderHttpClient(ClientName, sp => sp.GetRequiredService<OciErrorClassifier>(),
            sp => new ProviderRetryOptions(sp.GetRequiredService<IOptions<OciOptions>>().Value.RetryBudget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)),
            sp =>
            {
                var o = sp.GetRequiredService<IOptions<OciOptions>>().Value;
                return new OciRequestSigner(OciKeyLoader.Load(o), o.KeyId, sp.GetRequiredService<TimeProvider>());
            },
            timeout: TimeSpan.FromMinutes(2));
    }
}
