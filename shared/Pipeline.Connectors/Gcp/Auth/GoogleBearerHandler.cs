using System.Net.Http.Headers;

namespace Pipeline.Connectors.Gcp.Auth;

/// <summary>
/// Adds the Google access token to every attempt (the token source caches and refreshes it). Like the Entra handler,
/// it sends a token over https only, or plain http to a loopback stub.
/// </summary>
public sealed class GoogleBearerHandler(IGoogleAccessTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException($"Refusing to send a bearer token over plain http to {uri.Host}.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
