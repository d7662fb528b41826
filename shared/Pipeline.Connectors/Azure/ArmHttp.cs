using Microsoft.Extensions.Options;
using Pipeline.Http;

namespace Pipeline.Connectors.Azure;

/// <summary>Hands each Azure pull an <see cref="ArmClient"/> over the provider's named HttpClient, with a meter of its own.</summary>
public sealed class ArmHttp(IHttpClientFactory factory, IOptions<AzureOptions> options)
{
    public const string ClientName = "azure-arm";

    public ArmClient NewClient() => new(factory.CreateClient(ClientName), options.Value.ManagementEndpoint, new ProviderCallMeter());
}
