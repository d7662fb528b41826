using System.Net;

namespace Pipeline.Connectors.Tests.Http;

/// <summary>
/// The transport end of a handler chain for the pipeline's own unit tests: answers each attempt from a script
/// (a status, or a connection failure), recording the Authorization header each attempt carried.
/// </summary>
internal sealed class ScriptedHandler(params Func<HttpResponseMessage>[] script) : HttpMessageHandler
{
    private int _next;

    public List<string?> Authorizations { get; } = [];

    public int Attempts => _next;

    public static Func<HttpResponseMessage> Status(int status, string body = "{}", Action<HttpResponseMessage>? headers = null) => () =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body) };
        headers?.Invoke(response);
        return response;
    };

    public static Func<HttpResponseMessage> Refused() => () => throw new HttpRequestException("Connection refused (127.0.0.1:9)");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Authorizations.Add(request.Headers.Authorization?.ToString());
        var step = script[Math.Min(_next++, script.Length - 1)];
        return Task.FromResult(step());
    }
}
