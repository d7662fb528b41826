using System.Net.Http.Headers;

namespace Pipeline.Http;

/// <summary>A provider response that succeeded: status, headers (paging tokens live there for some), body text.</summary>
public sealed record ProviderResponse(int Status, HttpResponseHeaders Headers, string Body);

/// <summary>Sending through a provider's <see cref="HttpClient"/> (resilience and signing handlers inside) and turning a final failure into its exception.</summary>
public static class ProviderHttp
{
    /// <summary>The provider and operation of a request, for telemetry (dependencies named by call, never by URL query).</summary>
    public static readonly HttpRequestOptionsKey<string> ProviderKey = new("pipeline.provider");

    public static readonly HttpRequestOptionsKey<string> OperationKey = new("pipeline.operation");

    public static async Task<ProviderResponse> SendAsync(this HttpClient http, HttpRequestMessage request, IProviderErrorClassifier classifier, ProviderCallMeter meter,
        string operation, CancellationToken cancellationToken)
    {
        using var response = await SendOnceAsync(http, request, HttpCompletionOption.ResponseContentRead, classifier, meter, operation, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new ProviderResponse(status, response.Headers, body);
        }

        throw Failure(status, response.Headers, body, classifier, meter, operation);
    }

    /// <summary>
    /// Like <see cref="SendAsync"/> for a download: on success the response comes back with only its headers read, for
    /// the caller to stream and dispose; a failure is read, classified and thrown the same way.
    /// </summary>
    public static async Task<HttpResponseMessage> OpenAsync(this HttpClient http, HttpRequestMessage request, IProviderErrorClassifier classifier, ProviderCallMeter meter,
        string operation, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(http, request, HttpCompletionOption.ResponseHeadersRead, classifier, meter, operation, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw Failure((int)response.StatusCode, response.Headers, body, classifier, meter, operation);
        }
    }

    /// <summary>One logical request (its retries happen inside); a connection that never worked becomes the provider's unavailability.</summary>
    private static async Task<HttpResponseMessage> SendOnceAsync(HttpClient http, HttpRequestMessage request, HttpCompletionOption completion, IProviderErrorClassifier classifier,
        ProviderCallMeter meter, string operation, CancellationToken cancellationToken)
    {
        request.Options.Set(ProviderCallMeter.Key, meter);
        request.Options.Set(ProviderKey, classifier.Provider);
        request.Options.Set(OperationKey, operation);
        meter.Request(request.Options.TryGetValue(ProviderCallMeter.PaidKey, out var paid) && paid);
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderUnavailableException(classifier.Provider, $"{request.RequestUri?.Host} unreachable: {ex.Message}");
        }
        catch (SignInFailedException ex)
        {
            throw new ProviderUnauthorizedException(classifier.Provider, $"{operation}: {ex.Message}. Check the identity the app signs in with and its settings.");
        }
    }

    /// <summary>A final failure: a response the retry gave back while still retryable is one whose budget ran out.</summary>
    private static ConnectorException Failure(int status, HttpResponseHeaders headers, string body, IProviderErrorClassifier classifier, ProviderCallMeter meter, string operation)
    {
        var error = classifier.Classify(status, headers, body);
        return classifier.ToException(error, new FailedCall(status, operation, BudgetSpent: error.Retryable, meter.ThrottledFor));
    }

    /// <summary>
    /// A provider's handler chain, outermost first: resilience (retries, throttling, metering), then its signing handler
    /// (SigV4, OCI signature, Entra or Google bearer), then the transport (no automatic redirects: a redirected hop
    /// would not be signed). The same order <see cref="ProviderHttpRegistration.AddProviderHttpClient"/> gives the host's
    /// clients, built by hand for tests that supply their own transport.
    /// </summary>
    public static HttpMessageHandler Chain(IProviderErrorClassifier classifier, ProviderRetryOptions retry, TimeProvider time, DelegatingHandler? signing, HttpMessageHandler? transport = null)
    {
        var primary = transport ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (signing is not null)
        {
            signing.InnerHandler = primary;
            primary = signing;
        }

        var resilience = ProviderResilience.Handler(classifier, retry, time);
        resilience.InnerHandler = primary;
        return resilience;
    }
}
