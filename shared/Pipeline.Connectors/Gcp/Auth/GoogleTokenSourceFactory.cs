using Azure.Core;

namespace Pipeline.Connectors.Gcp.Auth;

/// <summary>Chooses the Google credential: federation from the managed identity, else a key/external-account JSON, else ADC.</summary>
public static class GoogleTokenSourceFactory
{
    public static IGoogleAccessTokenSource Create(GcpOptions options, TokenCredential entra, HttpClient http, TimeProvider time)
    {
        if (!string.IsNullOrWhiteSpace(options.WorkloadIdentityProvider))
        {
            return new WorkloadIdentityTokenSource(options, entra, http, time);
        }

        return !string.IsNullOrWhiteSpace(options.CredentialJson)
            ? GoogleCredentialTokenSource.FromJson(options.CredentialJson)
            : GoogleCredentialTokenSource.ApplicationDefault();
    }
}
