using System.Text;
using System.Text.Json;
using Pipeline.Connectors.Common;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// Signed JSON calls to OCI APIs. OCI's retry rules: 429, 409 IncorrectState/LockConflict, 5xx and connection failures
/// are retried with jittered backoff within the budget; 401 NotAuthenticated (often clock skew over 5 minutes) and 404
/// NotAuthorizedOrNotFound (often a missing policy) fail at once with the likely cause.
/// </summary>
public sealed class OciApiClient(HttpClient http, TimeSpan budget, TimeProvider time)
{
    /// <summary>OCI's 404 for both "no such resource" and "not allowed to see it".</summary>
    public const string NotAuthorizedOrNotFound = "NotAuthorizedOrNotFound";

    public int Calls { get; private set; }

    public async Task<(JsonElement Body, string? NextPage)> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken)
    {
        var retry = new RetryBudget(budget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), time);
        while (true)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.TryAddWithoutValidation("opc-request-id", Guid.NewGuid().ToString("N").ToUpperInvariant());
            if (body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            }

            Calls++;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                if (retry.Next() is { } wait)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ProviderUnavailableException(OciProvider.DisplayName, $"{uri.Host} unreachable: {ex.Message}");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    using var document = ProviderJson.Parse(OciProvider.DisplayName, uri.AbsolutePath, text);
                    var next = response.Headers.TryGetValues("opc-next-page", out var pages) ? pages.FirstOrDefault() : null;
                    return (document.RootElement.Clone(), string.IsNullOrEmpty(next) ? null : next);
                }

                var (code, message) = ParseError(text);
                var requestId = response.Headers.TryGetValues("opc-request-id", out var ids) ? ids.FirstOrDefault() : null;
                if (status == 429 || status >= 500 || (status == 409 && code is "IncorrectState" or "LockConflict"))
                {
                    if (retry.Next() is { } wait)
                    {
                        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw status == 429
                        ? new ProviderThrottledException(OciProvider.DisplayName, $"{uri.AbsolutePath} still throttled (TooManyRequests) after the retry budget")
                        : new ProviderUnavailableException(OciProvider.DisplayName, $"{uri.AbsolutePath} failed with HTTP {status} {code} after the retry budget: {message} (opc-request-id {requestId})");
                }

                throw status switch
                {
                    401 => new ProviderUnauthorizedException(OciProvider.DisplayName,
                        $"{uri.AbsolutePath} was refused (401 {code}): {message}. Check Oci:UserId, Oci:Fingerprint and the key, and the clock (OCI refuses signatures more than 5 minutes off; this machine says {time.GetUtcNow():u})."),
                    404 when code == NotAuthorizedOrNotFound => new ProviderUnauthorizedException(OciProvider.DisplayName,
                        $"{uri.AbsolutePath}: {code}: {message}. Usually a missing IAM policy (see docs/oci.md) or the wrong region.", code),
                    _ => new ProviderRequestException(OciProvider.DisplayName, code.Length > 0 ? code : $"HTTP{status}", $"{uri.AbsolutePath}: {message} (opc-request-id {requestId})"),
                };
            }
        }
    }

    internal static (string Code, string Message) ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return (document.RootElement.String("code") ?? string.Empty, document.RootElement.String("message") ?? string.Empty);
        }
        catch (JsonException)
        {
            return (string.Empty, body.Length > 200 ? body[..200] : body);
        }
    }
}
