using Azure.Core;
using Pipeline.Http;
using Pipeline.Testing;

namespace Pipeline.Connectors.Tests.Http;

/// <summary>The Entra ID bearer handler: where a token may travel, and how long one is reused.</summary>
public sealed class BearerTokenHandlerTests
{
    private readonly InstantTimeProvider _time = new();

    [Theory]
    [InlineData("http://management.azure.com/subscriptions")]
    [InlineData("http://10.0.0.4/emails:send")]
    public async Task A_token_never_goes_over_plain_http_to_a_remote_host(string url)
    {
        var transport = new ScriptedHandler(ScriptedHandler.Status(200));
        using var client = new HttpClient(new BearerTokenHandler(new StaticTokenCredential("secret"), "https://x/.default", _time) { InnerHandler = transport });

        var act = () => client.GetAsync(url);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("Refusing to send a bearer token over plain http to *");
        transport.Attempts.Should().Be(0);
    }

    [Fact]
    public async Task A_token_is_reused_until_five_minutes_before_it_expires()
    {
        var credential = new ExpiringCredential(_time, TimeSpan.FromMinutes(60));
        var transport = new ScriptedHandler(ScriptedHandler.Status(200));
        using var client = new HttpClient(new BearerTokenHandler(credential, "https://x/.default", _time) { InnerHandler = transport });

        await client.GetAsync("https://api.example/1");
        _time.Advance(TimeSpan.FromMinutes(54));
        await client.GetAsync("https://api.example/2");
        _time.Advance(TimeSpan.FromMinutes(2));
        await client.GetAsync("https://api.example/3");

        credential.Issued.Should().Be(2);
        transport.Authorizations.Should().Equal("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    [Fact]
    public async Task A_credential_that_cannot_sign_in_is_the_providers_unauthorized_error_in_one_line_and_no_call_is_made()
    {
        var transport = new ScriptedHandler(ScriptedHandler.Status(200));
        using var client = new HttpClient(ProviderHttp.Chain(new TestClassifier(_time), new ProviderRetryOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), _time,
            new BearerTokenHandler(new FailingCredential(), "https://management.azure.com/.default", _time), transport));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://management.azure.com/subscriptions?api-version=2022-12-01");

        var act = () => client.SendAsync(request, new TestClassifier(_time), new ProviderCallMeter(), "subscriptions", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).Which;
        error.Message.Should().Be("Test Cloud: subscriptions: could not get a token to call management.azure.com: DefaultAzureCredential failed to retrieve a token from the included credentials. "
                                  + "Check the identity the app signs in with and its settings.");
        transport.Attempts.Should().Be(0, "nothing is sent without a token, and a sign-in failure is not retried");
    }

    private sealed class FailingCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("DefaultAzureCredential failed to retrieve a token from the included credentials.\n- EnvironmentCredential authentication unavailable.\n- ManagedIdentityCredential ...");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class ExpiringCredential(TimeProvider time, TimeSpan lifetime) : TokenCredential
    {
        public int Issued { get; private set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new($"token-{++Issued}", time.GetUtcNow() + lifetime);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
