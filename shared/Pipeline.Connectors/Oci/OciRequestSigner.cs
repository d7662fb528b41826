using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// OCI request signing (draft-cavage HTTP signatures, "version 1"): RSA-SHA256 over <c>date (request-target) host</c>,
/// plus <c>content-length content-type x-content-sha256</c> for requests with a body. Every attempt is signed afresh
/// (the date changes), so it sits below the retry loop.
/// </summary>
public sealed class OciRequestSigner(RSA key, string keyId, TimeProvider time) : DelegatingHandler
{
    private static readonly HashSet<string> s_bodyMethods = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH" };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Sign(request, body, time.GetUtcNow().UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <c>date</c> (an RFC 1123 string), the body headers and <c>Authorization</c>; returns the signing string.</summary>
    public string Sign(HttpRequestMessage request, byte[] body, string date)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        request.Headers.Remove("date");
        request.Headers.TryAddWithoutValidation("date", date);
        var lines = new List<string>
        {
            $"date: {date}",
            $"(request-target): {request.Method.Method.ToLowerInvariant()} {uri.PathAndQuery}",
            $"host: {uri.Authority}",
        };
        var headers = "date (request-target) host";
        if (s_bodyMethods.Contains(request.Method.Method))
        {
            var sha = Convert.ToBase64String(SHA256.HashData(body));
            // Exactly what is signed goes on the wire: no charset suffix, the byte length of this body.
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = body.Length;
            request.Content = content;
            request.Headers.Remove("x-content-sha256");
            request.Headers.TryAddWithoutValidation("x-content-sha256", sha);
            lines.Add($"content-length: {body.Length.ToString(CultureInfo.InvariantCulture)}");
            lines.Add("content-type: application/json");
            lines.Add($"x-content-sha256: {sha}");
            headers += " content-length content-type x-content-sha256";
        }

        var signingString = string.Join('\n', lines);
        var signature = Convert.ToBase64String(key.SignData(Encoding.ASCII.GetBytes(signingString), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"Signature version=\"1\",headers=\"{headers}\",keyId=\"{keyId}\",algorithm=\"rsa-sha256\",signature=\"{signature}\"");
        return signingString;
    }
}
