namespace Pipeline.Connectors.Gcp.Auth;

/// <summary>An OAuth2 access token for Google APIs (scope cloud-platform), cached by the implementation.</summary>
public interface IGoogleAccessTokenSource
{
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
