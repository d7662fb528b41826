using Google.Apis.Auth.OAuth2;

namespace Pipeline.Connectors.Gcp.Auth;

/// <summary>
/// Google.Apis.Auth credentials: a service account key or external-account JSON, or application default credentials
/// (GOOGLE_APPLICATION_CREDENTIALS, gcloud). The library caches and refreshes the token.
/// </summary>
public sealed class GoogleCredentialTokenSource(Func<CancellationToken, Task<GoogleCredential>> create) : IGoogleAccessTokenSource
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private ITokenAccess? _credential;

    public static GoogleCredentialTokenSource FromJson(string json) =>
        new(_ => Task.FromResult(CredentialFactory.FromJson<GoogleCredential>(json)));

    public static GoogleCredentialTokenSource ApplicationDefault() => new(ct => GoogleCredential.GetApplicationDefaultAsync(ct));

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_credential is null)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _credential ??= (await create(cancellationToken).ConfigureAwait(false)).CreateScoped(CloudPlatformScope);
            }
            finally
            {
                _lock.Release();
            }
        }

        return await _credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
