using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>
/// Cost Management's invoice-close window and its 31-day slices across month and year boundaries, against an ARM stub
/// answering from a ledger. The stub either honours each query's time period, as the service does, or returns every
/// day it has for every slice, or the scopes overlap (a billing account and one of its subscriptions): each day must
/// still be stored exactly once.
/// </summary>
public sealed class AzureWindowBoundaryTests : IDisposable
{
    private const string Account = "12345678:abcd_2019-05-31";
    private static readonly string[] s_subscriptions = ["sub-a", "sub-b"];
    private readonly WireMockServer _arm = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly CostLedger _ledger = new(s_subscriptions, ["Virtual Machines", "Azure OpenAI"]);

    public enum StubMode
    {
        HonoursTimePeriod,
        IgnoresTimePeriod,
        OverlappingScopes,
    }

    public static TheoryData<string, StubMode> Cases()
    {
        var data = new TheoryData<string, StubMode>();
        foreach (var date in TestClock.BoundaryDates)
        {
            foreach (var mode in Enum.GetValues<StubMode>())
            {
                data.Add(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), mode);
            }
        }

        return data;
    }

    private Microsoft.Extensions.Hosting.IHost Host(InstantTimeProvider time, StubMode mode)
    {
        string[] scopes = mode == StubMode.OverlappingScopes
            ? [$"providers/Microsoft.Billing/billingAccounts/{Account}", "subscriptions/sub-a"]
            : ["subscriptions/sub-a", "subscriptions/sub-b"];
        var settings = new Dictionary<string, string?>
        {
            ["Azure:Enabled"] = "true",
            ["Azure:BillingAccountId"] = Account,
            ["Azure:WindowDays"] = BoundaryCases.WindowDays.ToString(CultureInfo.InvariantCulture),
            ["Azure:ManagementEndpoint"] = _arm.Url + "/",
        };
        for (var i = 0; i < scopes.Length; i++)
        {
            settings[$"Azure:Scopes:{i}"] = scopes[i];
        }

        return PipelineTestHost.Create(TestStorage.NewPrefix(), settings, time, new StaticTokenCredential("arm-token"));
    }

    private void ServeLedger(InstantTimeProvider time, StubMode mode) =>
        _arm.Given(Request.Create().UsingPost().WithPath(new WildcardMatcher("/*/providers/Microsoft.CostManagement/query")).WithHeader("Authorization", "Bearer arm-token"))
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var body = JsonNode.Parse(request.Body!)!;
                var (from, to) = Period(body);
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                if (mode == StubMode.IgnoresTimePeriod)
                {
                    (from, to) = (today.AddDays(-60), today);
                }

                var grouping = Grouping(body);
                var filter = body["dataset"]!["filter"];
                var dimensions = filter?["and"] is JsonArray all ? all.Select(d => d!["dimensions"]!).ToList() : filter?["dimensions"] is { } one ? [one] : [];
                var chargeTypes = dimensions.FirstOrDefault(d => (string)d["name"]! == "ChargeType")?["values"]!.AsArray().Select(v => (string)v!).ToList();
                var subscription = request.Path.StartsWith("/subscriptions/", StringComparison.Ordinal)
                    ? request.Path.Split('/')[2]
                    : (string?)dimensions.FirstOrDefault(d => (string)d["name"]! == "SubscriptionId")?["values"]?[0];

                // The ledger is all usage: a query for other charge types has no rows.
                var cells = _ledger.AsOf(today, from, to).Where(c => (subscription is null || c.SubAccount == subscription) && (chargeTypes is null || chargeTypes.Contains("Usage"))).ToList();
                var amortized = (string)body["type"]! == "AmortizedCost";
                decimal Cost(CostLedger.Cell c) => amortized ? c.Effective : c.Billed;
                var rows = grouping switch
                {
                    ["SubscriptionId", ..] => cells.GroupBy(c => (c.Day, c.SubAccount)).Select(g => new JsonArray(g.Sum(c => c.Billed), Day(g.Key.Day), g.Key.SubAccount, $"Subscription {g.Key.SubAccount}", "USD")),
                    ["ChargeType", ..] => cells.GroupBy(c => (c.Day, c.SubAccount)).Select(g => new JsonArray(g.Sum(Cost), Day(g.Key.Day), "Usage", g.Key.SubAccount, "USD")),
                    ["PricingModel"] => cells.GroupBy(c => c.Day).Select(g => new JsonArray(g.Sum(Cost), Day(g.Key), "OnDemand", "USD")),
                    [] => cells.GroupBy(c => c.Day).Select(g => new JsonArray(g.Sum(Cost), Day(g.Key), "USD")),
                    _ => cells.Select(c => new JsonArray(Cost(c), Day(c.Day), c.Service, "East US", "USD")),
                };
                var columns = new JsonArray([
                    new JsonObject { ["name"] = "Cost", ["type"] = "Number" }, new JsonObject { ["name"] = "UsageDate", ["type"] = "Number" },
                    .. grouping.Select(g => (JsonNode)new JsonObject { ["name"] = g, ["type"] = "String" }),
                    new JsonObject { ["name"] = "Currency", ["type"] = "String" }]);
                return StubJson.Ok(new JsonObject { ["properties"] = new JsonObject { ["nextLink"] = null, ["columns"] = columns, ["rows"] = new JsonArray(rows.ToArray<JsonNode>()) } });
            }));

    [Theory]
    [Trait(TestClock.Trait, TestClock.Category)]
    [MemberData(nameof(Cases))]
    public async Task Daily_runs_across_the_boundary_query_each_slice_once_and_store_every_day_exactly_once(string today, StubMode mode)
    {
        var @case = BoundaryCases.For(today);
        var time = new InstantTimeProvider(TestClock.At(@case.Today.AddDays(-2)));
        ServeLedger(time, mode);
        using var host = Host(time, mode);

        List<(string Path, string Type, DateOnly From, DateOnly To)> requested = [];
        var window = await DailyRuns.AcrossAsync(host, time, @case.Today, host.Services.GetRequiredKeyedService<IProviderIngestion>("azure"), "Microsoft", _ledger, effectiveIsBilled: false,
            beforeToday: _arm.ResetLogEntries, afterToday: () => requested = Requested().ToList());

        window.Should().Be((@case.InvoiceClose, @case.Today));
        requested.Select(r => (r.From, r.To)).Distinct().Should().Equal(@case.AzureSlices, "the window is split into 31-day slices, in order");
        var costQueries = requested.Where(r => r.Type is "ActualCost" or "AmortizedCost").ToList();
        costQueries.Should().HaveCount(s_subscriptions.Length * @case.AzureSlices.Count * 2, "one ActualCost and one AmortizedCost query per subscription and slice, however the scopes overlap");
        var scopes = mode == StubMode.OverlappingScopes ? 1 : 2;
        requested.Where(r => r.Type == "charges").Should().HaveCount(scopes * @case.AzureSlices.Count * 2, "one query for the other charge types per scope, slice and cost type");
        requested.Where(r => r.Type == "total").Should().HaveCount(scopes * @case.AzureSlices.Count * 2, "and one for the scope's total, to reconcile");
        requested.Where(r => r.Type == "models").Should().HaveCount(scopes * @case.AzureSlices.Count * 2, "and one for the pricing models of its usage");
        if (mode == StubMode.OverlappingScopes)
        {
            requested.Should().NotContain(r => r.Path.StartsWith("/subscriptions/", StringComparison.Ordinal), "sub-a was already pulled through the billing account");
        }
    }

    private IEnumerable<(string Path, string Type, DateOnly From, DateOnly To)> Requested() => _arm.LogEntries.Select(e =>
    {
        var body = JsonNode.Parse(e.RequestMessage.Body!)!;
        var (from, to) = Period(body);
        var type = Grouping(body) switch
        {
            ["SubscriptionId", ..] => "discovery",
            ["ChargeType", ..] => "charges",
            ["PricingModel"] => "models",
            [] => "total",
            _ => (string)body["type"]!,
        };
        return (e.RequestMessage.Path, type, from, to);
    });

    private static List<string> Grouping(JsonNode body) => body["dataset"]!["grouping"]?.AsArray().Select(g => (string)g!["name"]!).ToList() ?? [];

    private static int Day(DateOnly day) => int.Parse($"{day:yyyyMMdd}", CultureInfo.InvariantCulture);

    /// <summary>The query's timePeriod as [from, to): the service reads <c>to</c> (…T23:59:59Z) as the last day included.</summary>
    private static (DateOnly From, DateOnly To) Period(JsonNode body) =>
        (TestClock.Day(((string)body["timePeriod"]!["from"]!)[..10]), TestClock.Day(((string)body["timePeriod"]!["to"]!)[..10]).AddDays(1));

    public void Dispose() => _arm.Stop();
}
