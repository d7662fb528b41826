using Microsoft.Extensions.Options;
using Pipeline.Connectors.Azure;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>A WireMock server speaking Azure Resource Manager JSON, accepting only the test bearer token.</summary>
internal sealed class AzureStub : IDisposable
{
    public const string Token = "arm-test-token";
    public const string BillingAccount = "12345678:abcd_2019-05-31";

    public WireMockServer Server { get; } = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public StaticTokenCredential Credential { get; } = new(Token);

    public InstantTimeProvider Time { get; } = new();

    private readonly ProviderServices _services = new();

    public IOptions<AzureOptions> Options(Action<AzureOptions>? configure = null)
    {
        var options = new AzureOptions
        {
            Enabled = true,
            ManagementEndpoint = new Uri(Server.Url! + "/"),
            BillingAccountId = BillingAccount,
            BillingAccountName = "Contoso AI",
            Scopes = [$"providers/Microsoft.Billing/billingAccounts/{BillingAccount}"],
            MaccBillingAccountIds = [BillingAccount],
        };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    /// <summary>
    /// A connector as the host composes it (<see cref="AzureProvider.AddServices"/>: the named ARM client, its
    /// resilience and bearer handlers), with these options, the stub's token and the test clock.
    /// </summary>
    public T Connector<T>(Action<AzureOptions>? configure = null) where T : notnull =>
        _services.Get<T, AzureOptions>(AzureProvider.AddServices, Options(configure), Time, Credential);

    public IRequestBuilder Query(string scope) => Request.Create().UsingPost()
        .WithPath($"/{scope}/providers/Microsoft.CostManagement/query")
        .WithParam("api-version", "2024-08-01")
        .WithHeader("Authorization", $"Bearer {Token}")
        .WithHeader("Content-Type", new WildcardMatcher("application/json*"));

    /// <summary>The query's grouping dimensions, in order (none for a scope total).</summary>
    public static IReadOnlyList<string> Grouping(string? body) =>
        System.Text.Json.Nodes.JsonNode.Parse(body ?? "{}")?["dataset"]?["grouping"]?.AsArray().Select(g => (string)g!["name"]!).ToList() ?? [];

    /// <summary>Answers the scope's query for the other charge types (grouped by ChargeType, SubscriptionId) with <paramref name="rows"/>, none by default.</summary>
    public void OtherCharges(string scope, string rows = "") =>
        Server.Given(Query(scope).WithBody((string? b) => Grouping(b) is ["ChargeType", "SubscriptionId"])).AtPriority(0)
            .RespondWith(Json(QueryResult(["Cost", "UsageDate", "ChargeType", "SubscriptionId", "Currency"], rows)));

    /// <summary>Answers the scope's query for the pricing models of its usage (grouped by PricingModel) with <paramref name="rows"/>, none by default.</summary>
    public void PricingModels(string scope, string rows = "") =>
        Server.Given(Query(scope).WithBody((string? b) => Grouping(b) is ["PricingModel"])).AtPriority(0)
            .RespondWith(Json(QueryResult(["Cost", "UsageDate", "PricingModel", "Currency"], rows)));

    /// <summary>Answers the scope's ungrouped <paramref name="type"/> query (its total, to reconcile) with <paramref name="rows"/>.</summary>
    public void Totals(string scope, string type, string rows) =>
        Server.Given(Query(scope).WithBody((string? b) => Grouping(b).Count == 0 && b!.Contains($"\"{type}\"", StringComparison.Ordinal))).AtPriority(0)
            .RespondWith(Json(QueryResult(["Cost", "UsageDate", "Currency"], rows)));

    public IRequestBuilder Get(string path) => Request.Create().UsingGet().WithPath(path).WithHeader("Authorization", $"Bearer {Token}");

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithHeader("x-ms-request-id", Guid.NewGuid().ToString()).WithBody(body);

    /// <summary>A QueryResult; <paramref name="costColumn"/> varies as it does between api-versions and agreement types.</summary>
    public static string QueryResult(string[] columns, string rows, string? nextLink = null) =>
        $$"""
        { "id": "providers/Microsoft.Billing/billingAccounts/x/providers/Microsoft.CostManagement/query/5f3b2c1d", "name": "5f3b2c1d",
          "type": "Microsoft.CostManagement/query", "location": null, "sku": null, "eTag": null,
          "properties": {
            "nextLink": {{(nextLink is null ? "null" : $"\"{nextLink}\"")}},
            "columns": [ {{string.Join(", ", columns.Select(c => $$"""{ "name": "{{c}}", "type": "{{(c is "ServiceName" or "ResourceLocation" or "Currency" or "SubscriptionId" or "SubscriptionName" ? "String" : "Number")}}" }"""))}} ],
            "rows": [ {{rows}} ] } }
        """;

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
    }
}
