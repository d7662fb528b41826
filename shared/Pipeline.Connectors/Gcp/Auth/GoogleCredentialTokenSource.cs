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

    /// <summary>
    /// A service account key or an external-account (workload identity federation) configuration. Other credential
    /// types are refused: a JSON that could make the process call an arbitrary URL or run a program is not accepted blindly.
    /// </summary>
    public static GoogleCredentialTokenSource FromJson(string json) => new(_ => Task.FromResult(Parse(json)));

    private static GoogleCredential Parse(string json)
    {
        System.Text.Json.JsonDocument document;
        try
        {
            document = System.Text.Json.JsonDocument.Parse(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // The message carries a position, never the content: the JSON holds a private key.
            throw new InvalidOperationException($"Gcp:CredentialJson is not valid JSON ({ex.Message}).", ex);
        }

        using var owned = document;
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var source = root.TryGetProperty("credential_source", out var s) ? s : default;
        return type switch
        {
            "service_account" => CredentialFactory.FromJson<ServiceAccountCredential>(json).ToGoogleCredential(),
            "external_account" when source.ValueKind == System.Text.Json.JsonValueKind.Object && source.TryGetProperty("file", out _) =>
                CredentialFactory.FromJson<FileSourcedExternalAccountCredential>(json).ToGoogleCredential(),
            "external_account" when source.ValueKind == System.Text.Json.JsonValueKind.Object && source.TryGetProperty("environment_id", out _) =>
                CredentialFactory.FromJson<AwsExternalAccountCredential>(json).ToGoogleCredential(),
            "external_account" when source.ValueKind == System.Text.Json.JsonValueKind.Object && source.TryGetProperty("url", out _) =>
                CredentialFactory.FromJson<UrlSourcedExternalAccountCredential>(json).ToGoogleCredential(),
            _ => throw new InvalidOperationException($"Gcp:CredentialJson must be a service_account key or an external_account configuration with a file, url or AWS source (got type '{type}')."),
        };
    }

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
