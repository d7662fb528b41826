using Azure.Core;
using Azure.Core.Pipeline;

namespace Pipeline.Connectors.Common;

/// <summary>
/// Adds an Entra ID bearer token for one scope, cached until shortly before it expires. Tokens only travel over
/// https; plain http is accepted for a loopback endpoint alone (the local simulators and test stubs), which
/// Azure.Core's own policy refuses outright.
/// </summary>
public sealed class BearerTokenPolicy(TokenCredential credential, string scope, TimeProvider time) : HttpPipelinePolicy
{
    private readonly TokenRequestContext _context = new([scope]);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AccessToken _token;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var uri = message.Request.Uri.ToUri();
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException($"Refusing to send a bearer token over plain http to {uri.Host}.");
        }

        message.Request.Headers.SetValue("Authorization", "Bearer " + (await GetTokenAsync(message.CancellationToken).ConfigureAwait(false)).Token);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
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
