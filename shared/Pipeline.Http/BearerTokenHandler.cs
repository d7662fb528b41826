using Azure.Core;

namespace Pipeline.Http;

/// <summary>An Entra ID bearer token for one scope on every attempt, cached until shortly before it expires.</summary>
public sealed class BearerTokenHandler(TokenCredential credential, string scope, TimeProvider time) : BearerHandler
{
    private readonly TokenRequestContext _context = new([scope]);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AccessToken _token;

    protected override async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token.ExpiresOn <= time.GetUtcNow().AddMinutes(5))
            {
                _token = await credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false);
            }

            return _token.Token;
        }
        finally
        {
            _lock.Release();
        }
    }
}
