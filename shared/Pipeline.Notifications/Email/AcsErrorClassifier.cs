using System.Net.Http.Headers;
using System.Text.Json;
using Pipeline.Http;

namespace Pipeline.Notifications.Email;

/// <summary>
/// Communication Services Email's error rules for the shared HTTP pipeline: 429 (with <c>Retry-After</c>) and 5xx are
/// retried; 401/403 are the managed identity's permissions; anything else is a request the service will never accept.
/// Resends are safe because the <c>operation-id</c> header makes them the same operation.
/// </summary>
public sealed class AcsErrorClassifier(TimeProvider time) : IProviderErrorClassifier
{
    public const string ServiceName = "Azure Communication Services";

    public string Provider => ServiceName;

    public ProviderError Classify(int status, HttpResponseHeaders headers, string body)
    {
        var (code, message) = ParseError(body);
        return status switch
        {
            429 => new ProviderError(true, true, code, message, ProviderResilience.RetryAfter(headers, time)),
            >= 500 => new ProviderError(true, false, code, message, ProviderResilience.RetryAfter(headers, time)),
            _ => new ProviderError(false, false, code, message),
        };
    }

    public ConnectorException ToException(ProviderError error, FailedCall call) => call.Status switch
    {
        429 => new ProviderThrottledException(Provider, $"{call.Operation} still throttled after the retry budget (waited {call.ThrottledFor.TotalSeconds:0} s)"),
        >= 500 => new ProviderUnavailableException(Provider, $"{call.Operation} failed with HTTP {call.Status} {error.Code}: {error.Message}"),
        401 or 403 => new ProviderUnauthorizedException(Provider,
            $"{call.Operation} was refused (HTTP {call.Status} {error.Code}): {error.Message}. The function app's identity needs the email-sender role on the Communication Services resource (assigned by infra/app/rbac.bicep).", error.Code),
        _ => new ProviderRequestException(Provider, error.Code.Length > 0 ? error.Code : $"HTTP{call.Status}", $"{call.Operation}: {error.Message}"),
    };

    private static (string Code, string Message) ParseError(string body) => ProviderErrorBody.Read(body, root =>
    {
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : root;
        return error.ValueKind != JsonValueKind.Object ? (string.Empty, string.Empty)
            : (error.TryGetProperty("code", out var c) ? c.ToString() : string.Empty, error.TryGetProperty("message", out var m) ? m.ToString() : string.Empty);
    });
}
