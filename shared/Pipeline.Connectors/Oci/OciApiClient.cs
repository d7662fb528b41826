namespace Pipeline.Connectors.Oci;

/// <summary>
/// Signed JSON calls to OCI APIs for one pull (the API-key signature on every attempt, retries and failures by
/// <see cref="OciErrorClassifier"/>), each with an <c>opc-request-id</c> that stays the same across its retries.
/// </summary>
public sealed class OciApiClient(HttpClient http, OciErrorClassifier classifier, ProviderCallMeter meter) : ProviderJsonClient(http, classifier, meter)
{
    /// <summary>The body and the <c>opc-next-page</c> token, if there is a next page.</summary>
    public async Task<(JsonElement Body, string? NextPage)> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken)
    {
        var (json, headers) = await SendJsonAsync(method, uri, body, cancellationToken).ConfigureAwait(false);
        var next = headers.TryGetValues("opc-next-page", out var pages) ? pages.FirstOrDefault() : null;
        return (json, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>A GET whose body is streamed (an Object Storage object); the caller disposes the response.</summary>
    public Task<HttpResponseMessage> OpenAsync(Uri uri, string operation, CancellationToken cancellationToken) =>
        Http.OpenAsync(Request(HttpMethod.Get, uri), Classifier, Meter, operation, cancellationToken);

    protected override HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = base.Request(method, uri);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("opc-request-id", Guid.NewGuid().ToString("N").ToUpperInvariant());
        return request;
    }
}
