using System.Net.Http.Headers;

namespace Pipeline.Http;

/// <summary>
/// Puts a bearer token on every attempt. Tokens only travel over https; plain http is accepted for a loopback endpoint
/// alone (the local simulators and test stubs). Where the token comes from is the subclass's business.
/// </summary>
public abstract class BearerHandler : DelegatingHandler
{
    protected abstract Task<string> GetTokenAsync(CancellationToken cancellationToken);

    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException($"Refusing to send a bearer token over plain http to {uri.Host}.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
