using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipeline.Connectors.Common;
using Pipeline.Connectors.Gcp.Auth;

namespace Pipeline.Connectors.Gcp;

/// <summary>
/// JSON calls to Google REST APIs with a bearer token. Google's error envelope is read for its reason: 429, 5xx and
/// the short-term reasons (<c>rateLimitExceeded</c>, <c>backendError</c>, <c>jobRateLimitExceeded</c>, even when they
/// arrive as HTTP 403 as BigQuery sends them) are retried within the budget; <c>quotaExceeded</c> (a long-term quota)
/// and other client errors fail at once with the reason.
/// </summary>
public sealed class GoogleApiClient(HttpClient http, IGoogleAccessTokenSource tokens, TimeSpan budget, TimeProvider time)
{
    private static readonly HashSet<string> s_retryableReasons = new(StringComparer.OrdinalIgnoreCase)
    {
        "rateLimitExceeded", "userRateLimitExceeded", "backendError", "internalError", "jobRateLimitExceeded", "RESOURCE_EXHAUSTED",
    };

    public int Calls { get; private set; }

    public async Task<JsonElement> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken)
    {
        var retry = new RetryBudget(budget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(32), time);
        while (true)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
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

                throw new ProviderUnavailableException(GcpProvider.DisplayName, $"{uri.Host} unreachable: {ex.Message}");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    using var document = ProviderJson.Parse(GcpProvider.DisplayName, uri.AbsolutePath, text);
                    return document.RootElement.Clone();
                }

                var (reason, message) = ParseError(text);
                var status = (int)response.StatusCode;
                if (status == 429 || status >= 500 || s_retryableReasons.Contains(reason))
                {
                    if (retry.Next(response.Headers.RetryAfter?.Delta) is { } wait)
                    {
                        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw status >= 500
                        ? new ProviderUnavailableException(GcpProvider.DisplayName, $"{uri.AbsolutePath} failed with HTTP {status} {reason} after the retry budget: {message}")
                        : new ProviderThrottledException(GcpProvider.DisplayName, $"{uri.AbsolutePath} still rate-limited ({reason}) after the retry budget: {message}");
                }

                if (reason.Equals("quotaExceeded", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ProviderRequestException(GcpProvider.DisplayName, reason, $"a long-term quota is exhausted, not retried: {message}");
                }

                if (status is 401 || (status is 403 && reason is "accessDenied" or "forbidden" or "PERMISSION_DENIED" or ""))
                {
                    throw new ProviderUnauthorizedException(GcpProvider.DisplayName, $"{uri.AbsolutePath} was refused (HTTP {status} {reason}): {message}. Check the IAM roles in docs/gcp.md.");
                }

                throw new ProviderRequestException(GcpProvider.DisplayName, reason.Length > 0 ? reason : $"HTTP{status}", $"{uri.AbsolutePath}: {message}");
            }
        }
    }

    /// <summary>The first <c>errors[].reason</c> (or <c>status</c>) and the message of Google's error envelope.</summary>
    internal static (string Reason, string Message) ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.Property("error") ?? document.RootElement;
            var reason = error.Array("errors").Select(e => e.String("reason")).FirstOrDefault(r => r is { Length: > 0 }) ?? error.String("status") ?? string.Empty;
            return (reason, error.String("message") ?? string.Empty);
        }
        catch (JsonException)
        {
            return (string.Empty, body.Length > 200 ? body[..200] : body);
        }
    }
}
