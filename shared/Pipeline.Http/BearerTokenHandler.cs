using System.Net.Http.Headers;
using Azure.Core;

namespace Pipeline.Http;

/// <summary>
/// Adds an Entra ID bearer token for one scope to every attempt, cached until shortly before it expires. Tokens only
/// travel over https; plain http is accepted for a loopback endpoint alone (the local simulators and test stubs).
/// </summary>
public sealed class BearerTokenHandler(TokenCredential credential, string scope, TimeProvider time) : DelegatingHandler
{
    private readonly TokenRequestContext _context = new([scope]);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AccessToken _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException($"Refusing to send a bearer token over plain http to {uri.Host}.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await GetTokenAsync(cancellationToken).ConfigureAwait(false)).Token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token.ExpiresOn <= time.GetUtcNow().AddMinutes(5))
            {
                _token = await credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false);
            }

            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }
}
