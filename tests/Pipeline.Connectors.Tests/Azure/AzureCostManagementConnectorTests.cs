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

    /// <summary>A usage query of one subscription: grouped by service and location, filtered to the subscription and the usage charge types.</summary>
    private static Func<string?, bool> CostQuery(string type, string subscription) => body =>
    {
        var query = System.Text.Json.Nodes.JsonNode.Parse(body!)!;
        var filters = query["dataset"]!["filter"]?["and"]?.AsArray().Select(f => f!["dimensions"]!).ToList() ?? [];
        return (string)query["type"]! == type && AzureStub.Grouping(body) is ["ServiceName", "ResourceLocation"]
            && filters.Any(f => (string)f["name"]! == "SubscriptionId" && (string)f["values"]![0]! == subscription)
            && filters.Any(f => (string)f["name"]! == "ChargeType" && f["values"]!.AsArray().Select(v => (string)v!).SequenceEqual(AzureCostManagementConnector.UsageChargeTypes));
    };

    [Fact]
    public async Task Subscriptions_are_discovered_pages_followed_and_actual_and_amortized_merged()
    {
        Subscriptions(("sub-a", "ml-training"));
        _azure.OtherCharges(Scope);
        _azure.PricingModels(Scope, """[ 5887.7205, 20250601, "OnDemand", "USD" ]""");
        _azure.Totals(Scope, "ActualCost", """[ 2986.2734, 20250601, "USD" ], [ 2901.4471, 20250602, "USD" ]""");
        _azure.Totals(Scope, "AmortizedCost", """[ 2212.58, 20250601, "USD" ], [ 2110.25, 20250602, "USD" ]""");
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

        (meter.Requests, meter.PaidCalls, pull.Rows.Count).Should().Be((10, 0, 3),
            "discovery, two pages of ActualCost, one of AmortizedCost, and for each cost type its pricing models, other charge types and total (free); the all-zero row is dropped");
        pull.Rows.Should().OnlyContain(r => r.PricingCategory == "Standard", "all usage is OnDemand");
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
        _azure.OtherCharges(Scope);
        _azure.PricingModels(Scope);
        _azure.Server.Given(_azure.Query(Scope)).AtPriority(5).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "Currency"], string.Empty)));

        await Connector().PullAsync(new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 5));

        _azure.Time.Waits.Should().Equal(Enumerable.Repeat(TimeSpan.FromSeconds(15), 17), "queries are spaced by Azure:MinSecondsBetweenQueries to stay inside the per-scope budget");
        var all = _azure.Server.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement).ToList();
        all.Should().HaveCount(2 + (2 * 2 * 4), "35 days are two slices, each listed for subscriptions, then per slice and cost type: its pricing models, usage, the other charge types, the total");
        all.Where(b => AzureStub.Grouping(b.GetRawText()) is ["PricingModel"]).Should().HaveCount(4);
        all.Where(b => AzureStub.Grouping(b.GetRawText()) is ["ChargeType", "SubscriptionId"]).Should().HaveCount(4);
        all.Where(b => AzureStub.Grouping(b.GetRawText()).Count == 0).Should().HaveCount(4, "each slice and cost type is reconciled against the scope's ungrouped total");
        var bodies = all.Where(b => AzureStub.Grouping(b.GetRawText()) is [_, _] and not ["ChargeType", _]).ToList();
        bodies.Should().AllSatisfy(b => (DateTime.Parse(b.GetProperty("timePeriod").GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            - DateTime.Parse(b.GetProperty("timePeriod").GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).TotalDays.Should().BeLessThan(31),
            "Daily granularity covers at most 31 days");
        var periods = bodies.Where(b => AzureStub.Grouping(b.GetRawText()) is ["ServiceName", _]).Select(b => (b.GetProperty("timePeriod").GetProperty("from").GetString(), b.GetProperty("timePeriod").GetProperty("to").GetString())).Distinct().ToList();
        periods.Should().Equal(("2025-05-01T00:00:00Z", "2025-05-31T23:59:59Z"), ("2025-06-01T00:00:00Z", "2025-06-04T23:59:59Z"));
        bodies.Where(b => AzureStub.Grouping(b.GetRawText()) is not ["SubscriptionId", _]).Should().HaveCount(4).And.AllSatisfy(b =>
        {
            b.GetProperty("timeframe").GetString().Should().Be("Custom");
            b.GetProperty("dataset").GetProperty("aggregation").GetProperty("totalCost").GetProperty("name").GetString().Should().Be("Cost");
            b.GetProperty("dataset").GetProperty("grouping").EnumerateArray().Select(g => g.GetProperty("name").GetString()).Should().Equal("ServiceName", "ResourceLocation");
        });
    }

    [Fact]
    public async Task A_subscription_scope_is_queried_directly_without_discovery_or_filter()
    {
        _azure.OtherCharges("subscriptions/sub-z");
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json(AzureStub.QueryResult(
            ["Cost", "CostUSD", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 90.5, 99.1, 20250601, "Azure OpenAI", "swedencentral", "EUR" ]""")));

        var meter = new ProviderCallMeter();
        var pull = await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To, meter);

        meter.Requests.Should().Be(8, "pricing models, usage, other charges and the total, for each cost type");
        _azure.Server.LogEntries.Should().AllSatisfy(e => e.RequestMessage.Body.Should().NotContain("\"SubscriptionId\",\"operator\"", "the scope is the subscription"));
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
        _azure.OtherCharges("subscriptions/sub-z");
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

        _azure.Server.LogEntries.Select(e => e.ResponseMessage.StatusCode).Should().Equal(new object[] { 429, 200, 200, 200, 200, 200, 200, 200, 200 });
        (meter.ThrottledFor, meter.Requests, meter.Retries).Should().Be((TimeSpan.FromSeconds(21), 8, 1));
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
        _azure.OtherCharges("subscriptions/sub-z");
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"],
            """[ 79228162514264337593543.95, 20250601, "Virtual Machines", "eastus", "USD" ], [ -1234.5678901234, 20250601, "Azure Savings Plan for Compute", "Unassigned", "USD" ]""")));

        var pull = await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        pull.Rows.Single(r => r.ServiceName == "Virtual Machines").BilledCost.Should().Be(79228162514264337593543.95m);
        pull.Rows.Single(r => r.RegionId is null).BilledCost.Should().Be(-1234.5678901234m);
    }

    [Fact]
    public async Task Purchases_refunds_and_taxes_are_kept_with_their_charge_category_also_without_a_subscription()
    {
        Subscriptions(("sub-a", "ml-training"));
        _azure.PricingModels(Scope);
        _azure.Server.Given(_azure.Query(Scope).WithBody(CostQuery("ActualCost", "sub-a"))).AtPriority(3)
            .RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 100, 20250601, "Virtual Machines", "eastus", "USD" ]""")));
        _azure.Server.Given(_azure.Query(Scope).WithBody(CostQuery("AmortizedCost", "sub-a"))).AtPriority(3)
            .RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 140, 20250601, "Virtual Machines", "eastus", "USD" ]""")));
        // The ActualCost view of the other charge types: a reservation bought on sub-a, a support plan and tax of the billing profile (no subscription), a refund.
        _azure.Server.Given(_azure.Query(Scope).WithBody((string? b) => AzureStub.Grouping(b) is ["ChargeType", "SubscriptionId"] && b!.Contains("\"ActualCost\"", StringComparison.Ordinal)))
            .AtPriority(0).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ChargeType", "SubscriptionId", "Currency"], """
                [ 1200, 20250601, "Purchase", "sub-a", "USD" ], [ 100, 20250601, "Purchase", "", "USD" ], [ 21.5, 20250601, "Tax", "", "USD" ], [ -40, 20250602, "Refund", "sub-a", "USD" ]
                """)));
        _azure.Server.Given(_azure.Query(Scope).WithBody((string? b) => AzureStub.Grouping(b) is ["ChargeType", "SubscriptionId"] && b!.Contains("\"AmortizedCost\"", StringComparison.Ordinal)))
            .AtPriority(0).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ChargeType", "SubscriptionId", "Currency"], """
                [ 100, 20250601, "Purchase", "", "USD" ], [ 21.5, 20250601, "Tax", "", "USD" ]
                """)));
        _azure.Totals(Scope, "ActualCost", """[ 1421.5, 20250601, "USD" ], [ -40, 20250602, "USD" ]""");
        _azure.Totals(Scope, "AmortizedCost", """[ 261.5, 20250601, "USD" ]""");

        var pull = await Connector().PullAsync(From, To);

        pull.Rows.Select(r => (r.ChargeCategory, r.ChargeClass, r.SubAccountId, r.SubAccountName, r.ServiceName, r.BilledCost, r.EffectiveCost)).Should().BeEquivalentTo(new (string, string?, string?, string?, string?, decimal, decimal)[]
        {
            ("Usage", null, "sub-a", "ml-training", "Virtual Machines", 100m, 140m),
            ("Purchase", null, "sub-a", "ml-training", null, 1200m, 0m),
            ("Purchase", null, null, null, null, 100m, 100m),
            ("Tax", null, null, null, null, 21.5m, 21.5m),
            ("Purchase", "Correction", "sub-a", "ml-training", null, -40m, 0m),
        });
        _azure.Server.LogEntries.Where(e => AzureStub.Grouping(e.RequestMessage.Body) is ["ChargeType", _]).Should().AllSatisfy(e =>
            e.RequestMessage.Body.Should().Contain("\"ChargeType\",\"operator\":\"In\",\"values\":[\"Purchase\",\"Refund\",\"Tax\",\"Adjustment\",\"RoundingAdjustment\",\"Credit\"]"));
    }

    [Fact]
    public async Task Pulled_rows_that_do_not_add_up_to_the_scopes_total_fail_the_pull_with_both_totals()
    {
        // A charge type the pull does not ask for (here: one Cost Management added) shows only in the ungrouped total.
        _azure.OtherCharges("subscriptions/sub-z");
        _azure.Totals("subscriptions/sub-z", "ActualCost", """[ 95.5, 20250601, "EUR" ]""");
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).AtPriority(5).RespondWith(AzureStub.Json(AzureStub.QueryResult(
            ["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 90.5, 20250601, "Azure OpenAI", "swedencentral", "EUR" ]""")));

        var act = () => Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage(
            "Azure: ActualCost of subscriptions/sub-z for 2025-06-01..2025-06-02: the pulled rows total 90.50 EUR but the same query without groupings totals 95.50 EUR; nothing was replaced*");
    }

    [Fact]
    public async Task Usage_of_several_pricing_models_is_split_by_a_filter_per_model_with_its_pricing_category()
    {
        // Reserved GPU VMs beside on-demand ones: the pricing model needs a third dimension, so each model is its own query.
        _azure.OtherCharges("subscriptions/sub-z");
        _azure.PricingModels("subscriptions/sub-z", """[ 60, 20250601, "OnDemand", "USD" ], [ 400, 20250601, "Reservation", "USD" ], [ 25, 20250601, "Spot", "USD" ]""");
        _azure.Totals("subscriptions/sub-z", "ActualCost", """[ 485, 20250601, "USD" ]""");
        _azure.Totals("subscriptions/sub-z", "AmortizedCost", """[ 485, 20250601, "USD" ]""");
        foreach (var (model, rows) in new[]
                 {
                     ("OnDemand", """[ 60, 20250601, "Virtual Machines", "eastus", "USD" ]"""),
                     ("Reservation", """[ 400, 20250601, "Virtual Machines", "eastus", "USD" ]"""),
                     ("Spot", """[ 25, 20250601, "Virtual Machines", "eastus", "USD" ]"""),
                 })
        {
            _azure.Server.Given(_azure.Query("subscriptions/sub-z").WithBody((string? b) => AzureStub.Grouping(b) is ["ServiceName", "ResourceLocation"]
                    && b!.Contains("{\"dimensions\":{\"name\":\"PricingModel\",\"operator\":\"In\",\"values\":[\"" + model + "\"]}}", StringComparison.Ordinal)))
                .AtPriority(1).RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], rows)));
        }

        var pull = await Connector(o => o.Scopes = ["subscriptions/sub-z"]).PullAsync(From, To);

        pull.Rows.Select(r => (r.PricingCategory, r.BilledCost, r.EffectiveCost)).Should().BeEquivalentTo(new (string?, decimal, decimal)[]
        {
            ("Standard", 60m, 60m), ("Committed", 400m, 400m), ("Dynamic", 25m, 25m),
        });
    }

    [Theory]
    [InlineData("OnDemand", "Standard")]
    [InlineData("Reservation", "Committed")]
    [InlineData("SavingsPlan", "Committed")]
    [InlineData("Spot", "Dynamic")]
    [InlineData("", null)]
    public void Pricing_models_map_to_focus(string model, string? category) =>
        AzureCostManagementConnector.PricingCategory(model).Should().Be(category);

    [Theory]
    [InlineData("Usage", "Usage", null)]
    [InlineData("UnusedReservation", "Usage", null)]
    [InlineData("UnusedSavingsPlan", "Usage", null)]
    [InlineData("Purchase", "Purchase", null)]
    [InlineData("Refund", "Purchase", "Correction")]
    [InlineData("Tax", "Tax", null)]
    [InlineData("Credit", "Credit", null)]
    [InlineData("Adjustment", "Adjustment", null)]
    [InlineData("RoundingAdjustment", "Adjustment", null)]
    public void Charge_types_map_to_focus(string chargeType, string category, string? chargeClass) =>
        AzureCostManagementConnector.FocusCharge(chargeType).Should().Be((category, chargeClass));

    [Fact]
    public void A_billing_scope_inside_another_configured_one_is_refused()
    {
        var options = new AzureOptions
        {
            Enabled = true, BillingAccountId = "1234",
            Scopes = ["providers/Microsoft.Billing/billingAccounts/1234", "providers/Microsoft.Billing/billingAccounts/1234/billingProfiles/AB12", "subscriptions/sub-a"],
        };

        options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).Should().Equal(
            "Azure:Scopes entry 'providers/Microsoft.Billing/billingAccounts/1234/billingProfiles/AB12' is inside 'providers/Microsoft.Billing/billingAccounts/1234': its costs would be pulled twice. Keep one of them.");
    }

    public void Dispose() => _azure.Dispose();
}
