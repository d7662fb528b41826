using Pipeline.Http;
using System.Text.Json;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Common;
using Pipeline.Core.Costs;
using WireMock.Matchers;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>The Cost Management Query API through the real ARM pipeline against a stub speaking its documented JSON.</summary>
public sealed class AzureCostManagementConnectorTests : IDisposable
{
    private static readonly DateOnly From = new(2025, 6, 1);
    private static readonly DateOnly To = new(2025, 6, 3);
    private static readonly string Scope = $"providers/Microsoft.Billing/billingAccounts/{AzureStub.BillingAccount}";
    private readonly AzureStub _azure = new();

    private AzureCostManagementConnector Connector(Action<AzureOptions>? configure = null) =>
        _azure.Connector<AzureCostManagementConnector>(configure);

    private void Subscriptions(params (string Id, string Name)[] subscriptions) =>
        _azure.Server.Given(_azure.Query(Scope).WithBody(new JsonPartialMatcher("""{ "dataset": { "grouping": [ { "name": "SubscriptionId" }, { "name": "SubscriptionName" } ] } }""")))
            .AtPriority(1)
            .RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "SubscriptionId", "SubscriptionName", "Currency"],
                string.Join(", ", subscriptions.Select(s => $"""[ 1.0, 20250601, "{s.Id}", "{s.Name}", "USD" ]""")))));

    private static JsonPartialMatcher CostQuery(string type, string subscription) =>
        new($$"""{ "type": "{{type}}", "dataset": { "granularity": "Daily", "filter": { "dimensions": { "name": "SubscriptionId", "values": ["{{subscription}}"] } } } }""");

    [Fact]
    public async Task Subscriptions_are_discovered_pages_followed_and_actual_and_amortized_merged()
    {
        Subscriptions(("sub-a", "ml-training"));
        string[] columns = ["PreTaxCost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"];
        _azure.Server.Given(_azure.Query(Scope).WithBody(CostQuery("ActualCost", "sub-a"))).AtPriority(3)
            .RespondWith(AzureStub.Json(AzureStub.QueryResult(columns, """
                [ 2874.1934, 20250601, "Virtual Machines", "US East", "USD" ], [ 112.08, 20250601, "Storage", "eastus", "USD" ]
                """, _azure.Server.Url + $"/{Scope}/providers/Microsoft.CostManagement/query?api-version=2024-08-01&$skiptoken=AQAAAA%3D%3D")));
        _azure.Server.Given(_azure.Query(Scope).WithParam("$skiptoken").WithBody(CostQuery("ActualCost", "sub-a"))).AtPriority(2)
            .RespondWith(AzureStub.Json(AzureStub.QueryResult(columns, """
                [ 2901.4471, 20250602, "Virtual Machines", "East US", "USD" ], [ 0, 20250602, "Bandwidth", "global", "USD" ]
                """)));
        _azure.Server.Given(_azure.Query(Scope).WithBody(CostQuery("AmortizedCost", "sub-a"))).AtPriority(3)
            .RespondWith(AzureStub.Json(AzureStub.QueryResult(["totalCost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """
                [ 2100.5, 20250601, "Virtual Machines", "eastus", "USD" ], [ 2110.25, 20250602, "Virtual Machines", "eastus", "USD" ], [ 112.08, 20250601, "Storage", "eastus", "USD" ]
                """)));
        var meter = new ProviderCallMeter();
        var pull = await Connector().PullAsync(From, To, meter);

        (meter.Requests, meter.PaidCalls, pull.Rows.Count).Should().Be((4, 0, 3), "discovery, two pages of ActualCost, one of AmortizedCost (free); the all-zero row is dropped");
        var vm = pull.Rows.Single(r => r.ServiceName == "Virtual Machines" && r.ChargePeriodStart == From);
        (vm.ProviderName, vm.BillingAccountId, vm.BillingAccountName, vm.SubAccountId, vm.SubAccountName, vm.RegionId, vm.RegionName, vm.ServiceCategory)
            .Should().Be(("Microsoft", AzureStub.BillingAccount, "Contoso AI", "sub-a", "ml-training", "eastus", "East US", "Compute"));
        (vm.BilledCost, vm.EffectiveCost, vm.BillingCurrency, vm.BillingPeriodStart, vm.BillingPeriodEnd)
            .Should().Be((2874.1934m, 2100.5m, "USD", new DateOnly(2025, 6, 1), new DateOnly(2025, 7, 1)), "'US East' and 'eastus' are one region, so the two cost types meet in one row");
        pull.Rows.Single(r => r.ChargePeriodStart == From.AddDays(1)).Should().Match<CostRow>(r => r.BilledCost == 2901.4471m && r.EffectiveCost == 2110.25m);

        var page2 = _azure.Server.LogEntries.Single(e => e.RequestMessage.Query!.ContainsKey("$skiptoken"));
        page2.RequestMessage.Method.Should().Be("POST", "the nextLink of a query is POSTed with the same body");
        _azure.Server.LogEntries.Where(e => e.RequestMessage.Body == page2.RequestMessage.Body).Select(e => e.RequestMessage.Query!.ContainsKey("$skiptoken"))
            .Should().BeEquivalentTo([false, true], "the first page and the nextLink page carry the same query body");
        _azure.Credential.Scopes.Should().Equal(_azure.Server.Url + "/.default");
    }

    [Fact]
    public async Task The_query_body_asks_for_daily_cost_in_one_31_day_slice_at_a_time()
    {
        Subscriptions(("sub-a", "ml"));
        _azure.Server.Given(_azure.Query(Scope)).AtPriority(5).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "Currency"], string.Empty)));

        await Connector().PullAsync(new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 5));

        _azure.Time.Waits.Should().Equal(Enumerable.Repeat(TimeSpan.FromSeconds(15), 5), "queries are spaced by Azure:MinSecondsBetweenQueries to stay inside the per-scope budget");
        var bodies = _azure.Server.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement).ToList();
        bodies.Should().HaveCount(2 + 2 * 2, "35 days are two slices, each listed for subscriptions and queried for ActualCost and AmortizedCost");
        bodies.Should().AllSatisfy(b => (DateTime.Parse(b.GetProperty("timePeriod").GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            - DateTime.Parse(b.GetProperty("timePeriod").GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).TotalDays.Should().BeLessThan(31),
            "Daily granularity covers at most 31 days");
        var periods = bodies.Skip(2).Select(b => (b.GetProperty("timePeriod").GetProperty("from").GetString(), b.GetProperty("timePeriod").GetProperty("to").GetString())).Distinct().ToList();
        periods.Should().Equal(("2025-05-01T00:00:00Z", "2025-05-31T23:59:59Z"), ("2025-06-01T00:00:00Z", "2025-06-04T23:59:59Z"));
        bodies.Skip(2).Should().AllSatisfy(b =>
        {
            b.GetProperty("timeframe").GetString().Should().Be("Custom");
            b.GetProperty("dataset").GetProperty("aggregation").GetProperty("totalCost").GetProperty("name").GetString().Should().Be("Cost");
            b.GetProperty("dataset").GetProperty("grouping").EnumerateArray().Select(g => g.GetProperty("name").GetString()).Should().Equal("ServiceName", "ResourceLocation");
        });
    }

    [Fact]
    public async Task A_subscription_scope_is_queried_directly_without_discovery_or_filter()
    {
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json(AzureStub.QueryResult(
            ["Cost", "CostUSD", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 90.5, 99.1, 20250601, "Azure OpenAI", "swedencentral", "EUR" ]""")));

        var meter = new ProviderCallMeter();
        var pull = await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To, meter);

        meter.Requests.Should().Be(2);
        _azure.Server.LogEntries.Should().AllSatisfy(e => e.RequestMessage.Body.Should().NotContain("filter"));
        pull.Rows.Should().ContainSingle().Which.Should().Match<CostRow>(r =>
            r.SubAccountId == "sub-z" && r.BilledCost == 90.5m && r.EffectiveCost == 90.5m && r.BillingCurrency == "EUR" && r.RegionId == "swedencentral",
            "Cost (billing currency) wins over CostUSD");
    }

    [Fact]
    public async Task No_content_is_an_empty_result()
    {
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(204));

        var pull = await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        pull.Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Throttling_waits_for_the_largest_retry_after_header_and_is_reported()
    {
        var calls = 0;
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(_ => Interlocked.Increment(ref calls) == 1
            ? new WireMock.ResponseMessage
            {
                StatusCode = 429,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
                {
                    ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = new("7"),
                    ["x-ms-ratelimit-microsoft.costmanagement-entity-retry-after"] = new("21"),
                    ["Retry-After"] = new("3"),
                },
                BodyData = new WireMock.Util.BodyData { BodyAsString = """{ "error": { "code": "429", "message": "Too many requests. Please retry." } }""", DetectedBodyType = WireMock.Types.BodyType.String },
            }
            : new WireMock.ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 5, 20250601, "Virtual Machines", "westus3", "USD" ]"""),
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            }));

        var meter = new ProviderCallMeter();
        var pull = await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To, meter);

        _azure.Server.LogEntries.Select(e => e.ResponseMessage.StatusCode).Should().Equal(new object[] { 429, 200, 200 });
        (meter.ThrottledFor, meter.Requests, meter.Retries).Should().Be((TimeSpan.FromSeconds(21), 2, 1));
        pull.Rows.Should().ContainSingle();
        _azure.Time.Waits.Should().Contain(TimeSpan.FromSeconds(21));
    }

    [Theory]
    [InlineData("Retry-After")]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after")]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-entity-retry-after")]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after")]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after")]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-client-retry-after")]
    [InlineData("x-ms-ratelimit-microsoft.consumption-retry-after")]
    public async Task Each_throttling_header_alone_sets_the_wait(string header)
    {
        var calls = 0;
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(_ => new WireMock.ResponseMessage
        {
            StatusCode = Interlocked.Increment(ref calls) == 1 ? 429 : 204,
            Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { [header] = new("33") },
        }));

        var meter = new ProviderCallMeter();
        await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To, meter);

        meter.ThrottledFor.Should().Be(TimeSpan.FromSeconds(33));
    }

    [Fact]
    public async Task Endless_throttling_gives_up_within_the_budget_naming_the_wait()
    {
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json("""{ "error": { "code": "429", "message": "Too many requests." } }""", 429)
            .WithHeader("x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after", "47"));

        var act = () => Connector(o => { o.Scopes = ["subscriptions/sub-z"]; o.RetryBudget = TimeSpan.FromMinutes(2); }).PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderThrottledException>()).WithMessage("*still throttled*waited 94 s*");
    }

    [Fact]
    public async Task A_refused_token_names_the_role_documentation_and_is_not_retried()
    {
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json(
            """{ "error": { "code": "AuthorizationFailed", "message": "The client does not have authorization to perform action 'Microsoft.CostManagement/query/action'." } }""", 403));

        var act = () => Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).WithMessage("*HTTP 403 AuthorizationFailed*docs/azure.md*");
        _azure.Server.LogEntries.Should().HaveCount(1);
    }

    [Theory]
    [InlineData("""{ "properties": { "columns": [ { "name": "Cost" }, { "name": "UsageDate" } ], "rows": [ [ 1.5, 2025""", "malformed or truncated JSON")]
    [InlineData("""{ "properties": { "columns": [ { "name": "ServiceName" } ], "rows": [] } }""", "no cost or UsageDate column")]
    [InlineData("""{ "properties": { "columns": [ { "name": "Cost" }, { "name": "UsageDate" }, { "name": "Currency" } ], "rows": [ [ 1, 20250601 ] ] } }""", "2 values for 3 columns")]
    [InlineData("""{ "properties": { "columns": [ { "name": "Cost" }, { "name": "UsageDate" }, { "name": "Currency" } ], "rows": [ [ 1, "2025-06-01", "USD" ] ] } }""", "UsageDate '2025-06-01'")]
    [InlineData("""{ "properties": { "columns": [ { "name": "Cost" }, { "name": "UsageDate" }, { "name": "Currency" } ], "rows": [ [ "lots", 20250601, "USD" ] ] } }""", "cost 'lots'")]
    [InlineData("""{ "properties": { "columns": [ { "name": "Cost" }, { "name": "UsageDate" }, { "name": "Currency" } ], "rows": [ [ 1, 20250601, "XYZ" ] ] } }""", "currency 'XYZ'")]
    public async Task Malformed_results_fail_with_the_cause(string body, string cause)
    {
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json(body));

        var act = () => Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).Which.Message.Should().Contain(cause);
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_not_followed_with_the_token()
    {
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "Currency"], string.Empty,
            "https://attacker.example/steal?$skiptoken=x")));

        var act = () => Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("*another host (attacker.example)*");
    }

    [Fact]
    public async Task Huge_and_negative_amounts_are_kept_exactly()
    {
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"],
            """[ 79228162514264337593543.95, 20250601, "Virtual Machines", "eastus", "USD" ], [ -1234.5678901234, 20250601, "Azure Savings Plan for Compute", "Unassigned", "USD" ]""")));

        var pull = await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        pull.Rows.Single(r => r.ServiceName == "Virtual Machines").BilledCost.Should().Be(79228162514264337593543.95m);
        pull.Rows.Single(r => r.RegionId is null).BilledCost.Should().Be(-1234.5678901234m);
    }

    public void Dispose() => _azure.Dispose();
}
