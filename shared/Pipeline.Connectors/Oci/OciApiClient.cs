using System.Text;
using System.Text.Json;
using Pipeline.Connectors.Common;
using Pipeline.Http;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// Signed JSON calls to OCI APIs for one pull, through the provider's HTTP pipeline (the API-key signature on every
/// attempt, retries and failures by <see cref="OciErrorClassifier"/>), counted on the pull's meter.
/// </summary>
public sealed class OciApiClient(HttpClient http, OciErrorClassifier classifier, ProviderCallMeter meter)
{
    public ProviderCallMeter Meter => meter;

    public int Calls => meter.Calls;

    public async Task<(JsonElement Body, string? NextPage)> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken)
    {
        using var request = Request(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        var response = await http.SendAsync(request, classifier, meter, uri.AbsolutePath, cancellationToken).ConfigureAwait(false);
        using var document = ProviderJson.Parse(OciProvider.DisplayName, uri.AbsolutePath, response.Body);
        var next = response.Headers.TryGetValues("opc-next-page", out var pages) ? pages.FirstOrDefault() : null;
        return (document.RootElement.Clone(), string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>A GET whose body is streamed (an Object Storage object); the caller disposes the response.</summary>
    public Task<HttpResponseMessage> OpenAsync(Uri uri, string operation, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Get, uri);
        return http.OpenAsync(request, classifier, meter, operation, cancellationToken);
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("opc-request-id", Guid.NewGuid().ToString("N").ToUpperInvariant());
        return request;
    }
}
