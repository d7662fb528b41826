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

        string token;
        try
        {
            token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ConnectorException))
        {
            // The credential's own exception (Azure.Identity, Google.Apis.Auth) says why in many lines; the send turns this
            // into the provider's unauthorized error, naming the host the token was for.
            throw new SignInFailedException(uri.Host, ex);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>No token could be had for a call: not retried, reported as the provider's <see cref="ProviderUnauthorizedException"/>.</summary>
internal sealed class SignInFailedException(string host, Exception inner)
    : Exception($"could not get a token to call {host}: {inner.Message.Split('\n', 2)[0].Trim().TrimEnd('.')}", inner);
