using System.Net.Http.Headers;

namespace Pipeline.Connectors.Gcp;

/// <summary>
/// Google's error rules, read from its error envelope's reason: 429, 5xx and the short-term reasons
/// (<c>rateLimitExceeded</c>, <c>backendError</c>, <c>jobRateLimitExceeded</c>, even when they arrive as HTTP 403 as
/// BigQuery sends them) are retried; <c>quotaExceeded</c> (a long-term quota) and other client errors fail at once with
/// the reason; 401 and 403 access reasons are permissions.
/// </summary>
public sealed class GoogleErrorClassifier(TimeProvider time) : IProviderErrorClassifier
{
    private static readonly HashSet<string> s_retryableReasons = new(StringComparer.OrdinalIgnoreCase)
    {
        "rateLimitExceeded", "userRateLimitExceeded", "backendError", "internalError", "jobRateLimitExceeded", "RESOURCE_EXHAUSTED",
    };

    public string Provider => GcpProvider.DisplayName;

    public ProviderError Classify(int status, HttpResponseHeaders headers, string body)
    {
        var (reason, message) = ParseError(body);
        var retryable = status == 429 || status >= 500 || s_retryableReasons.Contains(reason);
        return new ProviderError(retryable, retryable && status < 500, reason, message, retryable ? ProviderResilience.RetryAfter(headers, time) : null);
    }

    public ConnectorException ToException(ProviderError error, FailedCall call)
    {
        if (error.Retryable)
        {
            return call.Status >= 500
                ? new ProviderUnavailableException(Provider, $"{call.Operation} failed with HTTP {call.Status} {error.Code} after the retry budget: {error.Message}")
                : new ProviderThrottledException(Provider, $"{call.Operation} still rate-limited ({error.Code}) after the retry budget (waited {call.ThrottledFor.TotalSeconds:0} s): {error.Message}");
        }

        if (error.Code.Equals("quotaExceeded", StringComparison.OrdinalIgnoreCase))
        {
            return new ProviderRequestException(Provider, error.Code, $"a long-term quota is exhausted, not retried: {error.Message}");
        }

        if (call.Status is 401 || (call.Status is 403 && error.Code is "accessDenied" or "forbidden" or "PERMISSION_DENIED" or ""))
        {
            return new ProviderUnauthorizedException(Provider, $"{call.Operation} was refused (HTTP {call.Status} {error.Code}): {error.Message}. Check the IAM roles in docs/gcp.md.",
                error.Code.Length > 0 ? error.Code : null);
        }

        return new ProviderRequestException(Provider, error.Code.Length > 0 ? error.Code : $"HTTP{call.Status}", $"{call.Operation}: {error.Message}");
    }

    /// <summary>The first <c>errors[].reason</c> (or <c>status</c>) and the message of Google's error envelope.</summary>
    internal static (string Reason, string Message) ParseError(string body) => ProviderErrorBody.Read(body, root =>
    {
        var error = root.Property("error") ?? root;
        var reason = error.Array("errors").Select(e => e.String("reason")).FirstOrDefault(r => r is { Length: > 0 }) ?? error.String("status") ?? string.Empty;
        return (reason, error.String("message") ?? string.Empty);
    });
}
