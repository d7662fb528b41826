using System.Text;
using System.Text.Json;
using Pipeline.Connectors.Common;
using Pipeline.Http;

namespace Pipeline.Connectors.Gcp;

/// <summary>
/// JSON calls to Google REST APIs for one pull, through the provider's HTTP pipeline (bearer on every attempt, retries
/// and failures by <see cref="GoogleErrorClassifier"/>), counted on the pull's meter.
/// </summary>
public sealed class GoogleApiClient(HttpClient http, GoogleErrorClassifier classifier, ProviderCallMeter meter)
{
    public ProviderCallMeter Meter => meter;

    public int Calls => meter.Calls;

    public async Task<JsonElement> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request, classifier, meter, uri.AbsolutePath, cancellationToken).ConfigureAwait(false);
        using var document = ProviderJson.Parse(GcpProvider.DisplayName, uri.AbsolutePath, response.Body);
        return document.RootElement.Clone();
    }
}
