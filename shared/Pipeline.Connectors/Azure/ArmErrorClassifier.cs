using System.Net.Http.Headers;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// Azure Resource Manager's error rules: 429 is throttling, and the wait is the largest of <c>Retry-After</c> and every
/// <c>x-ms-ratelimit-microsoft.*-retry-after</c> header (Cost Management sends several; NaN and negatives ignored,
/// absurd values clamped to a day so the budget decides); 5xx is retried; 401/403 are permissions; the rest is the
/// request's fault, with ARM's error code.
/// </summary>
public sealed class ArmErrorClassifier : IProviderErrorClassifier
{
    public static readonly ArmErrorClassifier Instance = new();

    /// <summary>The longest wait a throttling header is taken at (a day: far beyond any retry budget).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    public string Provider => AzureProvider.DisplayName;

    public ProviderError Classify(int status, HttpResponseHeaders headers, string body)
    {
        var (code, message) = ParseError(body);
        message = message.Trim().TrimEnd('.');

        // What Azure support asks for first; ARM echoes it on every response.
        if (headers.TryGetValues("x-ms-request-id", out var ids) && ids.FirstOrDefault() is { Length: > 0 } id)
        {
            message += $" (x-ms-request-id {id})";
        }

        return status switch
        {
            429 => new ProviderError(true, true, code, message, RetryAfter(headers)),
            >= 500 => new ProviderError(true, false, code, message),
            _ => new ProviderError(false, false, code, message),
        };
    }

    public ConnectorException ToException(ProviderError error, FailedCall call) => call.Status switch
    {
        429 => new ProviderThrottledException(Provider, $"{call.Operation} still throttled after the retry budget (waited {call.ThrottledFor.TotalSeconds:0} s)"),
        >= 500 => new ProviderUnavailableException(Provider, $"{call.Operation} failed with HTTP {call.Status} {error.Code} after the retry budget: {error.Message}"),
        401 or 403 => new ProviderUnauthorizedException(Provider, $"{call.Operation} was refused (HTTP {call.Status} {error.Code}): {error.Message}. Check the role assignments in docs/azure.md.", error.Code),
        _ => new ProviderRequestException(Provider, error.Code.Length > 0 ? error.Code : $"HTTP{call.Status}", $"{call.Operation}: {error.Message}"),
    };

    /// <summary>The largest wait any of the throttling headers asks for.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        double? seconds = null;
        foreach (var (name, values) in headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower != "retry-after" && !(lower.StartsWith("x-ms-ratelimit-microsoft.", StringComparison.Ordinal) && lower.EndsWith("-retry-after", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && !double.IsNaN(parsed) && parsed >= 0)
                {
                    seconds = Math.Max(seconds ?? 0, Math.Min(parsed, MaxRetryAfter.TotalSeconds));
                }
            }
        }

        return seconds is { } s ? TimeSpan.FromSeconds(s) : null;
    }

    private static (string Code, string Message) ParseError(string body) => ProviderErrorBody.Read(body, root =>
    {
        var error = root.Property("error") ?? root;
        return (error.Property("code")?.ToString() ?? string.Empty, error.String("message") ?? string.Empty);
    });
}
