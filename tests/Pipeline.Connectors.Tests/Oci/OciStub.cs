using Pipeline.Http;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Oci;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Connectors.Tests.Oci;

/// <summary>A WireMock server speaking the OCI Usage, Limits and Identity APIs, accepting only signed requests of the test key.</summary>
internal sealed class OciStub : IDisposable
{
    public const string Tenancy = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    private const string KeyId = Tenancy + "/ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";

    public WireMockServer Server { get; } = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public InstantTimeProvider Time { get; } = new();

    public IOptions<OciOptions> Options(Action<OciOptions>? configure = null)
    {
        var options = new OciOptions
        {
            Enabled = true, TenancyId = Tenancy, TenancyName = "oci-ai-tenancy", UserId = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq",
            Fingerprint = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34", HomeRegion = "us-ashburn-1", RetryBudget = TimeSpan.FromMinutes(1),
            PrivateKeyPem = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oci-signing", "sample-api-key.pem")),
            UsageEndpoint = Server.Url + "/usage/{region}/", LimitsEndpoint = Server.Url + "/limits/{region}/", IdentityEndpoint = Server.Url + "/identity/{region}/",
            ComputeEndpoint = Server.Url + "/iaas/{region}/",
        };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    private readonly ProviderServices _services = new();

    /// <summary>A connector (or <see cref="OciHttp"/>) as the host composes it, with these options and the test clock.</summary>
    public T Service<T>(Action<OciOptions>? configure = null) where T : notnull => _services.Get<T, OciOptions>(OciProvider.AddServices, Options(configure), Time);

    public OciUsageConnector Usage(Action<OciOptions>? configure = null) => Service<OciUsageConnector>(configure);

    public OciLimitsConnector Limits(Action<OciOptions>? configure = null) => Service<OciLimitsConnector>(configure);

    public IRequestBuilder UsagePost() => Request.Create().UsingPost().WithPath("/usage/us-ashburn-1/20200107/usage")
        .WithHeader("Authorization", new RegexMatcher(
            $"^Signature version=\"1\",headers=\"date \\(request-target\\) host content-length content-type x-content-sha256\",keyId=\"{System.Text.RegularExpressions.Regex.Escape(KeyId)}\",algorithm=\"rsa-sha256\",signature=\"[A-Za-z0-9+/=]+\"$"))
        .WithHeader("x-content-sha256", new RegexMatcher("^[A-Za-z0-9+/=]{44}$"));

    public IRequestBuilder Get(string path) => Request.Create().UsingGet().WithPath(new WildcardMatcher(path))
        .WithHeader("Authorization", new RegexMatcher("^Signature version=\"1\",headers=\"date \\(request-target\\) host\",keyId=\"ocid1\\.tenancy[^\"]+\",algorithm=\"rsa-sha256\",signature=\"[A-Za-z0-9+/=]+\"$"));

    public static IResponseBuilder Json(string body, int status = 200, string? nextPage = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithHeader("opc-request-id", "E16EC7B29C12433789384239CA70AF7A").WithBody(body);
        return nextPage is null ? response : response.WithHeader("opc-next-page", nextPage);
    }

    public static string Item(string day, string service, string? region, decimal? amount, string currency = "USD", bool forecast = false, string compartment = "ocid1.compartment.oc1..gpu") => $$"""
        { "tenantId": null, "compartmentId": "{{compartment}}", "compartmentName": "gpu", "service": "{{service}}", "region": {{(region is null ? "null" : $"\"{region}\"")}},
          "timeUsageStarted": "{{day}}T00:00:00.000Z", "timeUsageEnded": "{{DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddDays(1):yyyy-MM-dd}}T00:00:00.000Z",
          "computedAmount": {{(amount is null ? "null" : amount.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}}, "computedQuantity": 384.0,
          "currency": "{{currency}}", "isForecast": {{(forecast ? "true" : "false")}}, "tags": [ { "namespace": null, "key": null, "value": null } ] }
        """;

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
    }
}
