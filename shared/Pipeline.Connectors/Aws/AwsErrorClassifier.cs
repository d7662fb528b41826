using System.Net.Http.Headers;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// AWS JSON 1.1 error rules (<c>{"__type": "...#Name", "Message": "..."}</c>): 429, 5xx and the throttling types
/// (which arrive as HTTP 400) are retried, throttling counted as such; the authentication and authorization types are
/// permissions; the rest is the request's fault, with the AWS error type as its code.
/// </summary>
public sealed class AwsErrorClassifier(TimeProvider time) : IProviderErrorClassifier
{
    private static readonly HashSet<string> s_throttling = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "LimitExceededException", "TooManyRequestsException", "RequestLimitExceeded", "Throttling", "ProvisionedThroughputExceededException",
    };

    private static readonly HashSet<string> s_unauthorized = new(StringComparer.Ordinal)
    {
        "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "IncompleteSignature",
        "MissingAuthenticationToken", "InvalidClientTokenId", "SignatureDoesNotMatch", "UnauthorizedOperation",
    };

    public string Provider => AwsProvider.DisplayName;

    public ProviderError Classify(int status, HttpResponseHeaders headers, string body)
    {
        var (type, message) = ParseError(body);
        message = message.Trim().TrimEnd('.');

        // What AWS support asks for: JSON services send x-amzn-RequestId, some x-amz-request-id.
        if ((headers.TryGetValues("x-amzn-RequestId", out var ids) || headers.TryGetValues("x-amz-request-id", out ids)) && ids.FirstOrDefault() is { Length: > 0 } id)
        {
            message += $" (request id {id})";
        }

        var throttled = status == 429 || s_throttling.Contains(type);
        var retryable = throttled || status >= 500;
        return new ProviderError(retryable, throttled, type, message, retryable ? ProviderResilience.RetryAfter(headers, time) : null);
    }

    public ConnectorException ToException(ProviderError error, FailedCall call)
    {
        if (error.Throttled)
        {
            return new ProviderThrottledException(Provider, $"{call.Operation} still throttled ({error.Code}) after the retry budget (waited {call.ThrottledFor.TotalSeconds:0} s)");
        }

        if (error.Retryable)
        {
            return new ProviderUnavailableException(Provider, $"{call.Operation} failed with HTTP {call.Status} {error.Code} after the retry budget: {error.Message}");
        }

        if (call.Status is 401 or 403 || s_unauthorized.Contains(error.Code))
        {
            return new ProviderUnauthorizedException(Provider,
                $"{call.Operation} was refused (HTTP {call.Status} {error.Code}): {error.Message}. Check the role, its trust policy and the IAM policy in docs/aws.md.", error.Code.Length > 0 ? error.Code : null);
        }

        return new ProviderRequestException(Provider, error.Code.Length > 0 ? error.Code : $"HTTP{call.Status}", $"{call.Operation} (HTTP {call.Status}): {error.Message}");
    }

    /// <summary>JSON 1.1 errors: <c>{"__type": "...#Name", "Message": "..."}</c> (the message's casing varies).</summary>
    internal static (string Type, string Message) ParseError(string body) => ProviderErrorBody.Read(body, root =>
    {
        // Property matches any casing: the message is "Message" from some services and "message" from others.
        var type = root.String("__type") ?? string.Empty;
        return (type[(type.LastIndexOf('#') + 1)..], root.String("message") ?? string.Empty);
    });
}
