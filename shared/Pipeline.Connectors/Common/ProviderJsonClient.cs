using System.Net.Http.Headers;
using System.Text;

namespace Pipeline.Connectors.Common;

/// <summary>
/// JSON calls for one pull through a provider's HTTP pipeline (its signing and retries inside the client, failures by
/// its classifier), counted on the pull's meter; a body that is not JSON is the provider's bad response.
/// </summary>
public class ProviderJsonClient(HttpClient http, IProviderErrorClassifier classifier, ProviderCallMeter meter)
{
    protected ProviderCallMeter Meter => meter;

    protected HttpClient Http => http;

    protected IProviderErrorClassifier Classifier => classifier;

    /// <summary>The JSON body (detached from its document) and the headers (where some providers put paging tokens).</summary>
    public async Task<(JsonElement Body, HttpResponseHeaders Headers)> SendJsonAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken,
        bool paid = false)
    {
        using var request = Request(method, uri);
        request.Options.Set(ProviderCallMeter.PaidKey, paid);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request, classifier, meter, uri.AbsolutePath, cancellationToken).ConfigureAwait(false);
        using var document = ProviderJson.Parse(classifier.Provider, uri.AbsolutePath, response.Body);
        return (document.RootElement.Clone(), response.Headers);
    }

    /// <summary>A new request with the headers this provider wants on every call.</summary>
    protected virtual HttpRequestMessage Request(HttpMethod method, Uri uri) => new(method, uri);
}
