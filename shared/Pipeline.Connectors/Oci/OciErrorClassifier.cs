using System.Net.Http.Headers;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// OCI's error rules: 429 is throttling; 409 IncorrectState/LockConflict and 5xx are retried; 401 NotAuthenticated
/// (often clock skew over 5 minutes) and 404 NotAuthorizedOrNotFound (often a missing policy) fail at once with the
/// likely cause. Messages carry the <c>opc-request-id</c> Oracle support asks for.
/// </summary>
public sealed class OciErrorClassifier(TimeProvider time) : IProviderErrorClassifier
{
    /// <summary>OCI's 404 for both "no such resource" and "not allowed to see it".</summary>
    public const string NotAuthorizedOrNotFound = "NotAuthorizedOrNotFound";

    public string Provider => OciProvider.DisplayName;

    public ProviderError Classify(int status, HttpResponseHeaders headers, string body)
    {
        var (code, message) = ParseError(body);
        if (headers.TryGetValues("opc-request-id", out var ids) && ids.FirstOrDefault() is { Length: > 0 } id)
        {
            message += $" (opc-request-id {id})";
        }

        return status switch
        {
            429 => new ProviderError(true, true, code, message, ProviderResilience.RetryAfter(headers, time)),
            >= 500 => new ProviderError(true, false, code, message),
            409 when code is "IncorrectState" or "LockConflict" => new ProviderError(true, false, code, message),
            _ => new ProviderError(false, false, code, message),
        };
    }

    public ConnectorException ToException(ProviderError error, FailedCall call) => call.Status switch
    {
        429 => new ProviderThrottledException(Provider, $"{call.Operation} still throttled (TooManyRequests) after the retry budget (waited {call.ThrottledFor.TotalSeconds:0} s)"),
        >= 500 or 409 when error.Retryable => new ProviderUnavailableException(Provider, $"{call.Operation} failed with HTTP {call.Status} {error.Code} after the retry budget: {error.Message}"),
        401 => new ProviderUnauthorizedException(Provider,
            $"{call.Operation} was refused (401 {error.Code}): {error.Message}. Check Oci:UserId, Oci:Fingerprint and the key, and the clock (OCI refuses signatures more than 5 minutes off; this machine says {time.GetUtcNow():u}).", error.Code),
        404 when error.Code == NotAuthorizedOrNotFound => new ProviderUnauthorizedException(Provider,
            $"{call.Operation}: {error.Code}: {error.Message}. Usually a missing IAM policy (see docs/oci.md) or the wrong region.", error.Code),
        _ => new ProviderRequestException(Provider, error.Code.Length > 0 ? error.Code : $"HTTP{call.Status}", $"{call.Operation}: {error.Message}"),
    };

    internal static (string Code, string Message) ParseError(string body) =>
        ProviderErrorBody.Read(body, root => (root.String("code") ?? string.Empty, root.String("message") ?? string.Empty));
}
