using Azure.Core;

namespace Pipeline.Testing;

/// <summary>A managed identity stand-in that hands out a fixed token and counts the requests.</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    public int Requests { get; private set; }

    public IReadOnlyList<string> Scopes { get; private set; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests++;
        Scopes = requestContext.Scopes;
        return new AccessToken(token, DateTimeOffset.MaxValue);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
