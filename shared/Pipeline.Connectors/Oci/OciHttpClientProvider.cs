using Microsoft.Extensions.Options;

namespace Pipeline.Connectors.Oci;

/// <summary>One HttpClient whose handler signs every request with the API key; built on first use, so a disabled connector needs no key.</summary>
public sealed class OciHttpClientProvider(IOptions<OciOptions> options, TimeProvider time, HttpMessageHandler? inner = null) : IDisposable
{
    private readonly Lazy<HttpClient> _client = new(() =>
    {
        var o = options.Value;
        var signer = new OciRequestSigner(OciKeyLoader.Load(o), o.KeyId, time) { InnerHandler = inner ?? new SocketsHttpHandler() };
        return new HttpClient(signer) { Timeout = TimeSpan.FromMinutes(2) };
    });

    public HttpClient Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
