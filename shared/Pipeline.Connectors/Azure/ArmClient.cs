using System.Text;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// Azure Resource Manager calls for one pull: through the provider's HTTP pipeline (Entra ID bearer for
/// <c>{endpoint}/.default</c>, retries and throttling by <see cref="ArmErrorClassifier"/>), counted on the pull's meter.
/// Links are followed only to the management endpoint, so the token never goes elsewhere.
/// </summary>
public sealed class ArmClient(HttpClient http, Uri endpoint, ProviderCallMeter meter)
{
    public Uri Endpoint => endpoint;

    /// <summary>Sends one request; null for 204 No Content.</summary>
    public async Task<JsonDocument?> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken)
    {
        if (!string.Equals(uri.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != endpoint.Port)
        {
            throw new ProviderBadResponseException(AzureProvider.DisplayName, $"refusing to follow a link to another host ({uri.Host})");
        }

        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request, ArmErrorClassifier.Instance, meter, Path(uri), cancellationToken).ConfigureAwait(false);
        return response.Status == 204 ? null : ProviderJson.Parse(AzureProvider.DisplayName, Path(uri), response.Body);
    }

    /// <summary>Every page of an ARM list (<c>value</c> plus <c>nextLink</c>, followed with GET), as a detached root element.</summary>
    public async IAsyncEnumerable<JsonElement> ListAsync(Uri first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri? next = first;
        var pages = new PageTokens(AzureProvider.DisplayName, Path(first));
        while (next is not null)
        {
            using var page = await SendAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            yield return page.RootElement.Clone();
            next = pages.Next(page.RootElement.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String && link.GetString() is { Length: > 0 } text ? new Uri(text) : null);
        }
    }

    private static string Path(Uri uri) => uri.AbsolutePath.Length > 120 ? "..." + uri.AbsolutePath[^117..] : uri.AbsolutePath;
}
