using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Pipeline.Connectors.Common;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// Azure Resource Manager calls through an Azure.Core pipeline with an Entra ID token for
/// <c>https://management.azure.com/.default</c>. Its own retry loop waits, on 429, for the largest of
/// <c>Retry-After</c> and every <c>x-ms-ratelimit-microsoft.*-retry-after</c> header (Azure.Core knows only the
/// first), retries 5xx within the budget, and maps failures to the connector exceptions.
/// </summary>
public sealed class ArmClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly TimeSpan _budget;
    private readonly TimeProvider _time;

    public ArmClient(TokenCredential credential, Uri endpoint, TimeSpan budget, TimeProvider time, HttpPipelineTransport? transport = null)
    {
        var options = new ArmPipelineOptions();
        options.Retry.MaxRetries = 0;
        if (transport is not null)
        {
            options.Transport = transport;
        }

        _pipeline = HttpPipelineBuilder.Build(options, new BearerTokenPolicy(credential, new Uri(endpoint, "/.default").ToString(), time));
        _endpoint = endpoint;
        _budget = budget;
        _time = time;
    }

    /// <summary>Total time spent waiting on throttling (429) so far, for the runs table.</summary>
    public TimeSpan ThrottledFor { get; private set; }

    public Uri Endpoint => _endpoint;

    /// <summary>Sends one request; null for 204 No Content.</summary>
    public async Task<JsonDocument?> SendAsync(RequestMethod method, Uri uri, string? body, CancellationToken cancellationToken)
    {
        if (!string.Equals(uri.Host, _endpoint.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != _endpoint.Port)
        {
            throw new ProviderBadResponseException(AzureProvider.DisplayName, $"refusing to follow a link to another host ({uri.Host})");
        }

        var retry = new RetryBudget(_budget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), _time);
        while (true)
        {
            using var message = _pipeline.CreateMessage();
            message.Request.Method = method;
            message.Request.Uri.Reset(uri);
            if (body is not null)
            {
                message.Request.Headers.SetValue("Content-Type", "application/json");
                message.Request.Content = RequestContent.Create(BinaryData.FromString(body));
            }

            try
            {
                await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 0)
            {
                if (retry.Next() is { } wait)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ProviderUnavailableException(AzureProvider.DisplayName, $"{uri.Host} unreachable: {ex.Message}");
            }

            var response = message.Response;
            var text = response.Content.ToString();
            if (response.Status == 204)
            {
                return null;
            }

            if (response.Status is >= 200 and < 300)
            {
                return ProviderJson.Parse(AzureProvider.DisplayName, Path(uri), text);
            }

            var (code, error) = ParseError(text);
            if (response.Status == 429 || response.Status >= 500)
            {
                var hint = response.Status == 429 ? RetryAfter(response) : null;
                if (retry.Next(hint) is { } wait)
                {
                    if (response.Status == 429)
                    {
                        ThrottledFor += wait;
                    }

                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw response.Status == 429
                    ? new ProviderThrottledException(AzureProvider.DisplayName, $"{Path(uri)} still throttled after the retry budget (waited {ThrottledFor.TotalSeconds:0} s)")
                    : new ProviderUnavailableException(AzureProvider.DisplayName, $"{Path(uri)} failed with HTTP {response.Status} {code} after the retry budget: {error}");
            }

            if (response.Status is 401 or 403)
            {
                throw new ProviderUnauthorizedException(AzureProvider.DisplayName, $"{Path(uri)} was refused (HTTP {response.Status} {code}): {error}. Check the role assignments in docs/azure.md.");
            }

            throw new ProviderRequestException(AzureProvider.DisplayName, code.Length > 0 ? code : $"HTTP{response.Status}", $"{Path(uri)}: {error}");
        }
    }

    /// <summary>Every page of an ARM list (<c>value</c> plus <c>nextLink</c>, followed with GET), as a detached root element.</summary>
    public async IAsyncEnumerable<JsonElement> ListAsync(Uri first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri? next = first;
        var pages = new PageTokens(AzureProvider.DisplayName, Path(first));
        while (next is not null)
        {
            using var page = await SendAsync(RequestMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            yield return page.RootElement.Clone();
            next = pages.Next(page.RootElement.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String && link.GetString() is { Length: > 0 } text ? new Uri(text) : null);
        }
    }

    /// <summary>The longest wait a throttling header is taken at (a day: far beyond any retry budget).</summary>
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    /// <summary>The largest wait any of the throttling headers asks for (seconds); NaN and negative values are ignored, huge ones clamped.</summary>
    internal static TimeSpan? RetryAfter(Response response)
    {
        double? seconds = null;
        foreach (var header in response.Headers)
        {
            var name = header.Name.ToLowerInvariant();
            if ((name == "retry-after" || (name.StartsWith("x-ms-ratelimit-microsoft.", StringComparison.Ordinal) && name.EndsWith("-retry-after", StringComparison.Ordinal)))
                && double.TryParse(header.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value) && value >= 0)
            {
                // "Infinity" or 1e300 is a broken header, not a plan: clamp, and let the retry budget decide.
                seconds = Math.Max(seconds ?? 0, Math.Min(value, MaxRetryAfter.TotalSeconds));
            }
        }

        return seconds is { } s ? TimeSpan.FromSeconds(s) : null;
    }

    private static (string Code, string Message) ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.TryGetProperty("error", out var e) ? e : document.RootElement;
            return (error.TryGetProperty("code", out var c) ? c.ToString() : string.Empty, error.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty);
        }
        catch (JsonException)
        {
            return (string.Empty, body.Length > 200 ? body[..200] : body);
        }
    }

    private static string Path(Uri uri) => uri.AbsolutePath.Length > 120 ? "..." + uri.AbsolutePath[^117..] : uri.AbsolutePath;

    private sealed class ArmPipelineOptions : ClientOptions;
}
