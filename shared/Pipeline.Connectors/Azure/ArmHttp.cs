namespace Pipeline.Connectors.Azure;

/// <summary>Hands each Azure pull an <see cref="ArmClient"/> over the provider's named HttpClient, with a meter of its own.</summary>
public sealed class ArmHttp(IHttpClientFactory factory, IOptions<AzureOptions> options)
{
    public const string ClientName = "azure-arm";

    /// <param name="meter">The pull's meter (a cost pull's is the ingestion's); a new one when null.</param>
    public ArmClient NewClient(ProviderCallMeter? meter = null) => new(factory.CreateClient(ClientName), options.Value.ManagementEndpoint, meter ?? new ProviderCallMeter());
}
