using System.Net.Http.Headers;
using System.Text;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// One AWS JSON 1.1 API (Cost Explorer, Service Quotas) in one region, through the provider's HTTP pipeline: signed
/// with SigV4 on every attempt, retried and failed by <see cref="AwsErrorClassifier"/>, counted on the pull's meter.
/// </summary>
public sealed class AwsJsonClient(HttpClient http, AwsErrorClassifier classifier, ProviderCallMeter meter, string region, string service, Uri endpoint, string targetPrefix,
    bool paid = false)
{
    public async Task<JsonDocument> SendAsync(string operation, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };

        // Exactly this content type: the signer signs what is sent, and a "; charset=utf-8" suffix breaks the signature.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{targetPrefix}.{operation}");
        AwsSigningHandler.Scope(request, region, service);
        request.Options.Set(ProviderCallMeter.PaidKey, paid);
        var response = await http.SendAsync(request, classifier, meter, operation, cancellationToken).ConfigureAwait(false);
        return ProviderJson.Parse(AwsProvider.DisplayName, operation, response.Body);
    }
}
