using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// SigV4 by AWSSDK.Core's <see cref="SigV4SigningHandler"/>, as a handler <c>IHttpClientFactory</c> can chain (the
/// SDK handler arrives with a transport of its own, which the factory refuses): requests go through the SDK signer and
/// on to this handler's inner handler. Each request says its region and service (<see cref="Scope"/>), so one client
/// signs for Cost Explorer in us-east-1 and Service Quotas in every region.
/// </summary>
public sealed class AwsSigningHandler : DelegatingHandler
{
    private readonly HttpMessageInvoker _signer;

    public AwsSigningHandler(AWSCredentials credentials) =>
        _signer = new HttpMessageInvoker(new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, "ce", new Forward(this)), disposeHandler: true);

    /// <summary>Sets the signing region and service of one request.</summary>
    public static void Scope(HttpRequestMessage request, string region, string service)
    {
        var options = (IDictionary<string, object?>)request.Options;
        options[SigV4SigningHandler.RegionOptionKey] = region;
        options[SigV4SigningHandler.ServiceOptionKey] = service;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _signer.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signer.Dispose();
        }

        base.Dispose(disposing);
    }

    private Task<HttpResponseMessage> NextAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    /// <summary>Where the SDK signer hands the signed request: back to this handler's place in the chain.</summary>
    private sealed class Forward(AwsSigningHandler owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => owner.NextAsync(request, cancellationToken);
    }
}
