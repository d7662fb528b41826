using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Pipeline.Connectors.Common;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// An AWS JSON 1.1 API (Cost Explorer, Service Quotas) over HttpClient, signed with AWSSDK.Core's public SigV4
/// handler. Retries sit outside the signer so every attempt is re-signed; throttling and 5xx are retried with
/// jittered backoff within the budget; other errors map to the connector exceptions.
/// </summary>
public sealed class AwsJsonClient : IDisposable
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

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _targetPrefix;
    private readonly TimeSpan _budget;
    private readonly TimeProvider _time;

    public AwsJsonClient(AWSCredentials credentials, string region, string service, Uri endpoint, string targetPrefix, TimeSpan budget, TimeProvider time,
        HttpMessageHandler? innerHandler = null)
    {
        var inner = innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false };
        _http = new HttpClient(new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(region), service, inner)) { Timeout = TimeSpan.FromSeconds(100) };
        _endpoint = endpoint;
        _targetPrefix = targetPrefix;
        _budget = budget;
        _time = time;
    }

    /// <summary>Retries spent on throttling or 5xx by this client so far (for the runs table).</summary>
    public int Retries { get; private set; }

    /// <summary>Time waited because AWS throttled (429 or a throttling error type), for the runs table's ThrottledSeconds.</summary>
    public TimeSpan ThrottledFor { get; private set; }

    public async Task<JsonDocument> SendAsync(string operation, string body, CancellationToken cancellationToken)
    {
        var retry = new RetryBudget(_budget, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), _time);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };

            // Exactly this content type: the signer signs what is sent, and a "; charset=utf-8" suffix breaks the signature.
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{_targetPrefix}.{operation}");
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                if (retry.Next() is { } wait)
                {
                    Retries++;
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ProviderUnavailableException(AwsProvider.DisplayName, $"{operation}: {_endpoint.Host} unreachable: {ex.Message}");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return ProviderJson.Parse(AwsProvider.DisplayName, operation, text);
                }

                var (type, message) = ParseError(text);
                var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500 || s_throttling.Contains(type);
                if (retryable && retry.Next() is { } delay)
                {
                    Retries++;
                    if (response.StatusCode == HttpStatusCode.TooManyRequests || s_throttling.Contains(type))
                    {
                        ThrottledFor += delay;
                    }

                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw Map(operation, (int)response.StatusCode, type, message, retryable);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>JSON 1.1 errors: <c>{"__type": "...#Name", "Message": "..."}</c> (the message's casing varies).</summary>
    internal static (string Type, string Message) ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var type = root.TryGetProperty("__type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var message = root.TryGetProperty("Message", out var m) || root.TryGetProperty("message", out m) ? m.GetString() ?? string.Empty : string.Empty;
            return (type[(type.LastIndexOf('#') + 1)..], message);
        }
        catch (JsonException)
        {
            return (string.Empty, body.Length > 200 ? body[..200] : body);
        }
    }

    private static ConnectorException Map(string operation, int status, string type, string message, bool retryable)
    {
        if (retryable && (status == 429 || s_throttling.Contains(type)))
        {
            return new ProviderThrottledException(AwsProvider.DisplayName, $"{operation} still throttled ({type}) after the retry budget");
        }

        if (retryable)
        {
            return new ProviderUnavailableException(AwsProvider.DisplayName, $"{operation} failed with HTTP {status} {type} after the retry budget: {message}");
        }

        if (status is 401 or 403 || s_unauthorized.Contains(type))
        {
            return new ProviderUnauthorizedException(AwsProvider.DisplayName, $"{operation} was refused ({type}): {message}. Check the role, its trust policy and the IAM policy in docs/aws.md.");
        }

        return new ProviderRequestException(AwsProvider.DisplayName, type.Length > 0 ? type : $"HTTP{status}", $"{operation}: {message}");
    }
}
