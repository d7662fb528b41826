namespace Pipeline.Connectors.Gcp;

/// <summary>JSON calls to Google REST APIs for one pull (the bearer on every attempt, retries and failures by <see cref="GoogleErrorClassifier"/>).</summary>
public sealed class GoogleApiClient(HttpClient http, GoogleErrorClassifier classifier, ProviderCallMeter meter) : ProviderJsonClient(http, classifier, meter)
{
    /// <param name="paid">The request is billed (a BigQuery query job, by the bytes it processes).</param>
    public async Task<JsonElement> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken, bool paid = false) =>
        (await SendJsonAsync(method, uri, body, cancellationToken, paid).ConfigureAwait(false)).Body;
}
