using System.Net.Http.Headers;
using Pipeline.Http;

namespace Pipeline.Connectors.Tests.Http;

/// <summary>The simplest provider rules: 429 throttles (honouring Retry-After), 5xx retries, the rest is final.</summary>
internal sealed class TestClassifier(TimeProvider time) : IProviderErrorClassifier
{
    public string Provider => "Test Cloud";

    public ProviderError Classify(int status, HttpResponseHeaders headers, string body) => status switch
    {
        429 => new ProviderError(true, true, "Throttled", body, ProviderResilience.RetryAfter(headers, time)),
        >= 500 => new ProviderError(true, false, "Unavailable", body),
        _ => new ProviderError(false, false, "Rejected", body),
    };

    public ConnectorException ToException(ProviderError error, FailedCall call) => call.Status switch
    {
        429 => new ProviderThrottledException(Provider, $"{call.Operation} throttled (budget spent: {call.BudgetSpent}, waited {call.ThrottledFor.TotalSeconds:0} s)"),
        >= 500 => new ProviderUnavailableException(Provider, $"{call.Operation} HTTP {call.Status} (budget spent: {call.BudgetSpent})"),
        _ => new ProviderRequestException(Provider, error.Code, $"{call.Operation}: {error.Message}"),
    };
}
