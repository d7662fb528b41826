using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;

namespace Pipeline.Connectors.Gcp.Auth;

/// <summary>
/// Workload identity federation from the Azure managed identity, without a Google key: the Entra ID token for
/// <c>Gcp:EntraAudience</c> is exchanged at Google STS (RFC 8693 token exchange) for a federated access token, which
/// then impersonates <c>Gcp:ServiceAccountEmail</c> through IAM Credentials <c>generateAccessToken</c> when one is set.
/// Tokens are cached until five minutes before they expire.
/// </summary>
public sealed class WorkloadIdentityTokenSource(GcpOptions options, TokenCredential entra, HttpClient http, TimeProvider time) : IGoogleAccessTokenSource
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresOn) _cached;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached.Token is null || _cached.ExpiresOn <= time.GetUtcNow().AddMinutes(5))
            {
                _cached = await ExchangeAsync(cancellationToken).ConfigureAwait(false);
            }

            return _cached.Token;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<(string, DateTimeOffset)> ExchangeAsync(CancellationToken cancellationToken)
    {
        var subject = await entra.GetTokenAsync(new TokenRequestContext([options.EntraAudience!.TrimEnd('/') + "/.default"]), cancellationToken).ConfigureAwait(false);
        var exchange = await PostAsync(new Uri(options.StsEndpoint, "v1/token"), null, new JsonObject
        {
            ["grantType"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["audience"] = options.WorkloadIdentityProvider,
            ["scope"] = GoogleCredentialTokenSource.CloudPlatformScope,
            ["requestedTokenType"] = "urn:ietf:params:oauth:token-type:access_token",
            ["subjectToken"] = subject.Token,
            ["subjectTokenType"] = "urn:ietf:params:oauth:token-type:jwt",
        }, "STS token exchange", cancellationToken).ConfigureAwait(false);
        var federated = exchange.RequiredString("access_token", "STS token exchange", GcpProvider.DisplayName);
        var expiresIn = exchange.Number("expires_in") ?? 3600m;
        if (string.IsNullOrWhiteSpace(options.ServiceAccountEmail))
        {
            return (federated, time.GetUtcNow().AddSeconds((double)expiresIn));
        }

        var impersonated = await PostAsync(
            new Uri(options.IamCredentialsEndpoint, $"v1/projects/-/serviceAccounts/{Uri.EscapeDataString(options.ServiceAccountEmail)}:generateAccessToken"),
            federated, new JsonObject { ["scope"] = new JsonArray(GoogleCredentialTokenSource.CloudPlatformScope), ["lifetime"] = "3600s" },
            "service account impersonation", cancellationToken).ConfigureAwait(false);
        return (impersonated.RequiredString("accessToken", "generateAccessToken", GcpProvider.DisplayName), impersonated.Date("expireTime") ?? time.GetUtcNow().AddMinutes(55));
    }

    private async Task<JsonElement> PostAsync(Uri uri, string? bearer, JsonObject body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The STS error body names the cause (invalid_grant: audience or issuer mismatch); it never echoes the token.
            var detail = text.Length > 300 ? text[..300] : text;
            throw new ProviderUnauthorizedException(GcpProvider.DisplayName, $"{what} was refused (HTTP {(int)response.StatusCode}): {detail}. Check the workload identity pool setup in docs/gcp.md.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{what} returned a malformed body: {ex.Message}", ex);
        }
    }
}
