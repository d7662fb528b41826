using Pipeline.Http;
using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Connectors.Common;
using Pipeline.Connectors.Gcp;
using Pipeline.Connectors.Gcp.Auth;
using Pipeline.Testing;
using WireMock.RequestBuilders;

namespace Pipeline.Connectors.Tests.Gcp;

/// <summary>Google credentials: federation from the managed identity through STS, and a service account key through Google.Apis.Auth.</summary>
public sealed class GoogleAuthTests : IDisposable
{
    private const string Pool = "//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/azure/providers/entra";
    private readonly GcpStub _gcp = new();

    private WorkloadIdentityTokenSource Federation(StaticTokenCredential entra, string? serviceAccount) => new(_gcp.Options(o =>
    {
        o.WorkloadIdentityProvider = Pool;
        o.EntraAudience = "api://multicloud-cost-pipeline-gcp";
        o.ServiceAccountEmail = serviceAccount;
    }).Value, entra, _gcp.Http, _gcp.Time);

    [Fact]
    public async Task The_entra_token_is_exchanged_at_sts_then_a_service_account_is_impersonated_and_the_result_cached()
    {
        _gcp.Server.Given(Request.Create().UsingPost().WithPath("/v1/token")).RespondWith(GcpStub.Json("""
            { "access_token": "federated-token", "issued_token_type": "urn:ietf:params:oauth:token-type:access_token", "token_type": "Bearer", "expires_in": 3599 }
            """));
        _gcp.Server.Given(Request.Create().UsingPost().WithPath("/v1/projects/-/serviceAccounts/pipeline@billing-admin.iam.gserviceaccount.com:generateAccessToken")
                .WithHeader("Authorization", "Bearer federated-token"))
            .RespondWith(GcpStub.Json("""{ "accessToken": "ya29.impersonated", "expireTime": "2099-01-01T00:00:00Z" }"""));
        var entra = new StaticTokenCredential("entra-jwt");
        var source = Federation(entra, "pipeline@billing-admin.iam.gserviceaccount.com");

        var first = await source.GetAccessTokenAsync(CancellationToken.None);
        var second = await source.GetAccessTokenAsync(CancellationToken.None);

        (first, second).Should().Be(("ya29.impersonated", "ya29.impersonated"));
        _gcp.Server.LogEntries.Should().HaveCount(2, "the token is cached until shortly before it expires");
        entra.Scopes.Should().Equal("api://multicloud-cost-pipeline-gcp/.default");
        var exchange = JsonDocument.Parse(_gcp.Server.LogEntries[0].RequestMessage.Body!).RootElement;
        (exchange.GetProperty("audience").GetString(), exchange.GetProperty("subjectToken").GetString(), exchange.GetProperty("subjectTokenType").GetString(), exchange.GetProperty("grantType").GetString())
            .Should().Be((Pool, "entra-jwt", "urn:ietf:params:oauth:token-type:jwt", "urn:ietf:params:oauth:grant-type:token-exchange"));
    }

    [Fact]
    public async Task A_refused_exchange_names_the_cause_without_the_token()
    {
        _gcp.Server.Given(Request.Create().UsingPost().WithPath("/v1/token")).RespondWith(GcpStub.Json(
            """{ "error": "invalid_grant", "error_description": "The audience in ID Token [api://wrong] does not match the expected audience." }""", 400));

        var act = () => Federation(new StaticTokenCredential("entra-secret-jwt"), null).GetAccessTokenAsync(CancellationToken.None);

        var error = (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).Which;
        error.Message.Should().Contain("invalid_grant").And.Contain("docs/gcp.md").And.NotContain("entra-secret-jwt");
    }

    [Fact]
    public async Task A_service_account_key_is_exchanged_with_a_signed_jwt_at_its_token_uri()
    {
        using var rsa = RSA.Create(2048);
        var key = new
        {
            type = "service_account", project_id = "billing-admin", private_key_id = "k1", private_key = rsa.ExportPkcs8PrivateKeyPem(),
            client_email = "pipeline@billing-admin.iam.gserviceaccount.com", client_id = "1", token_uri = _gcp.Server.Url + "/token",
        };
        _gcp.Server.Given(Request.Create().UsingPost().WithPath("/token")).RespondWith(GcpStub.Json("""{ "access_token": "ya29.from-key", "expires_in": 3599, "token_type": "Bearer" }"""));

        var token = await GoogleCredentialTokenSource.FromJson(JsonSerializer.Serialize(key)).GetAccessTokenAsync(CancellationToken.None);

        token.Should().Be("ya29.from-key");
        var form = _gcp.Server.LogEntries.Single().RequestMessage.Body!;
        form.Should().Contain("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer").And.Contain("assertion=");
        var assertion = Uri.UnescapeDataString(form.Split('&').Single(p => p.StartsWith("assertion=", StringComparison.Ordinal))["assertion=".Length..]);
        var parts = assertion.Split('.');
        rsa.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .Should().BeTrue("the assertion is signed with the key's private key");
        JsonDocument.Parse(Base64Url(parts[1])).RootElement.GetProperty("scope").GetString().Should().Be(GoogleCredentialTokenSource.CloudPlatformScope);
    }

    private static byte[] Base64Url(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    public void Dispose() => _gcp.Dispose();
}
