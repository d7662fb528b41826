using Pipeline.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Connectors.Aws;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Connectors.Tests.Aws;

/// <summary>A WireMock server speaking AWS JSON 1.1, accepting only SigV4-shaped requests for the test key.</summary>
internal sealed class AwsStub : IDisposable
{
    public const string Authorization = @"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/us-east-1/(ce|servicequotas|ec2)/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$";

    public WireMockServer Server { get; } = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    private readonly ProviderServices _services = new();

    public Pipeline.Testing.InstantTimeProvider Time { get; } = new();

    /// <summary>A connector as the host composes it (the named AWS client: resilience, then SigV4), with these options and the test clock.</summary>
    public T Service<T>(Action<AwsOptions>? configure = null) where T : notnull => _services.Get<T, AwsOptions>(AwsProvider.AddServices, Options(configure), Time);

    public IOptions<AwsOptions> Options(Action<AwsOptions>? configure = null)
    {
        var options = new AwsOptions
        {
            Enabled = true,
            PayerAccountId = "999999999999",
            CostExplorerEndpoint = new Uri(Server.Url! + "/"),
            ServiceQuotasEndpoint = Server.Url! + "/quotas/{region}/",
            Ec2Endpoint = Server.Url! + "/ec2/{region}/",
            AccessKeyId = "AKIDEXAMPLE",
            SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            RetryBudget = TimeSpan.FromSeconds(3),
        };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public IRequestBuilder Ce(string operation) => Request.Create().WithPath("/").UsingPost()
        .WithHeader("X-Amz-Target", $"AWSInsightsIndexService.{operation}")
        .WithHeader("Content-Type", "application/x-amz-json-1.1")
        .WithHeader("Authorization", new RegexMatcher(Authorization));

    /// <summary>Whether a GetCostAndUsage body is the query for the other record types (grouped by RECORD_TYPE and SERVICE).</summary>
    public static bool ByRecordType(string? body) => (string?)System.Text.Json.Nodes.JsonNode.Parse(body ?? "{}")?["GroupBy"]?[0]?["Key"] == "RECORD_TYPE";

    /// <summary>Answers the query for the other record types with these groups (<c>Keys: [RECORD_TYPE, SERVICE]</c>) on <paramref name="day"/>, none by default.</summary>
    public void OtherRecordTypes(string day = "2025-06-06", params (string RecordType, string Service, string Unblended, string NetAmortized)[] groups) =>
        Server.Given(Ce("GetCostAndUsage").WithBody((string? b) => ByRecordType(b))).AtPriority(-10).RespondWith(Json(
            CostPage(day, false, null, [.. groups.Select(g => (g.RecordType, g.Service, g.Unblended, g.NetAmortized))])
                .Replace("""{"Type":"DIMENSION","Key":"SERVICE"}, {"Type":"DIMENSION","Key":"REGION"}""", """{"Type":"DIMENSION","Key":"RECORD_TYPE"}, {"Type":"DIMENSION","Key":"SERVICE"}""", StringComparison.Ordinal)));

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/x-amz-json-1.1").WithBody(body);

    public static string CostPage(string day, bool estimated, string? nextToken, params (string Service, string Region, string Unblended, string NetAmortized)[] groups) =>
        $$"""
        { "GroupDefinitions": [ {"Type":"DIMENSION","Key":"SERVICE"}, {"Type":"DIMENSION","Key":"REGION"} ],
          "ResultsByTime": [ { "TimePeriod": {"Start":"{{day}}","End":"{{DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddDays(1):yyyy-MM-dd}}"}, "Total": {}, "Estimated": {{(estimated ? "true" : "false")}},
            "Groups": [ {{string.Join(",", groups.Select(g => $$"""{ "Keys": ["{{g.Service}}","{{g.Region}}"], "Metrics": { "UnblendedCost": {"Amount":"{{g.Unblended}}","Unit":"USD"}, "NetAmortizedCost": {"Amount":"{{g.NetAmortized}}","Unit":"USD"} } }"""))}} ] } ]
          {{(nextToken is null ? string.Empty : $", \"NextPageToken\": \"{nextToken}\"")}} }
        """;

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
    }
}
