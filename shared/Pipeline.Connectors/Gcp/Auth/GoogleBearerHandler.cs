namespace Pipeline.Connectors.Gcp.Auth;

/// <summary>The Google access token on every attempt (the token source caches and refreshes it), over https or to a loopback stub only.</summary>
public sealed class GoogleBearerHandler(IGoogleAccessTokenSource tokens) : BearerHandler
{
    protected override Task<string> GetTokenAsync(CancellationToken cancellationToken) => tokens.GetAccessTokenAsync(cancellationToken);
}
