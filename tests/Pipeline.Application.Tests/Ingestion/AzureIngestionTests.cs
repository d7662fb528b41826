using Pipeline.Http;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Core.Commitments;
using Pipeline.Core.Costs;
using Pipeline.Storage.Commitments;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Runs;
using Pipeline.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Ingestion;

/// <summary>Azure Cost Management and MACC lots through the production composition, against a WireMock ARM and Azurite.</summary>
public sealed class AzureIngestionTests : IDisposable
{
    private const string Account = "12345678:abcd_2019-05-31";
    private readonly WireMockServer _arm = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly InstantTimeProvider _time = new(TestClock.Now);

    private Microsoft.Extensions.Hosting.IHost Host(string prefix) => PipelineTestHost.Create(prefix, new Dictionary<string, string?>
    {
        ["Azure:Enabled"] = "true",
        ["Azure:BillingAccountId"] = Account,
        ["Azure:Scopes:0"] = "subscriptions/sub-z",
        ["Azure:MaccBillingAccountIds:0"] = Account,
        ["Azure:WindowDays"] = "3",
        ["Azure:ManagementEndpoint"] = _arm.Url + "/",
    }, _time, new StaticTokenCredential("arm-token"));

    /// <summary>Cost Management answering each query for its own time period (one cost on <paramref name="day"/>); the first query is throttled.</summary>
    private void Costs(DateOnly day, decimal amount)
    {
        var calls = 0;
        _arm.Given(Request.Create().WithPath("/subscriptions/sub-z/providers/Microsoft.CostManagement/query").UsingPost().WithHeader("Authorization", "Bearer arm-token"))
            .RespondWith(Response.Create().WithCallback(request =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    return new WireMock.ResponseMessage
                    {
                        StatusCode = 429,
                        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = new("30") },
                        BodyData = new WireMock.Util.BodyData { BodyAsString = """{"error":{"code":"429","message":"Too many requests. Please retry."}}""", DetectedBodyType = WireMock.Types.BodyType.String },
                    };
                }

                var (from, to) = Period(request.Body!);
                var grouping = System.Text.Json.Nodes.JsonNode.Parse(request.Body!)!["dataset"]!["grouping"]?.AsArray().Select(g => (string)g!["name"]!).ToList() ?? [];
                var inPeriod = day >= from && day < to;

                // The day's cost is usage: the query for the other charge types has no rows, the ungrouped total is the cost.
                var (columns, rows) = grouping switch
                {
                    ["ChargeType", ..] => ("""{ "name": "ChargeType", "type": "String" }, { "name": "SubscriptionId", "type": "String" },""", string.Empty),
                    ["PricingModel"] => ("""{ "name": "PricingModel", "type": "String" },""", inPeriod ? $"""[ {amount}, {day:yyyyMMdd}, "OnDemand", "EUR" ]""" : string.Empty),
                    [] => (string.Empty, inPeriod ? $"""[ {amount}, {day:yyyyMMdd}, "EUR" ]""" : string.Empty),
                    _ => ("""{ "name": "ServiceName", "type": "String" }, { "name": "ResourceLocation", "type": "String" },""",
                        inPeriod ? $"""[ {amount}, {day:yyyyMMdd}, "Virtual Machines", "EU West", "EUR" ]""" : string.Empty),
                };
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new WireMock.Util.BodyData
                    {
                        BodyAsString = $$"""
                            { "properties": { "nextLink": null, "columns": [ { "name": "Cost", "type": "Number" }, { "name": "UsageDate", "type": "Number" },
                              {{columns}} { "name": "Currency", "type": "String" } ],
                              "rows": [ {{rows}} ] } }
                            """,
                        DetectedBodyType = WireMock.Types.BodyType.String,
                    },
                };
            }));
    }

    /// <summary>A query's timePeriod as [from, to) (the service includes the day of <c>to</c>, …T23:59:59Z).</summary>
    private static (DateOnly From, DateOnly To) Period(string body)
    {
        var period = System.Text.Json.Nodes.JsonNode.Parse(body)!["timePeriod"]!;
        return (TestClock.Day(((string)period["from"]!)[..10]), TestClock.Day(((string)period["to"]!)[..10]).AddDays(1));
    }

    /// <summary>The 31-day slices the queries asked for.</summary>
    private int SlicesQueried() => _arm.LogEntries.Where(e => e.RequestMessage.Path.EndsWith("/query", StringComparison.Ordinal))
        .Select(e => Period(e.RequestMessage.Body!)).Distinct().Count();

    [Fact]
    public async Task Costs_are_stored_with_free_queries_and_throttling_reported_and_a_rerun_changes_nothing()
    {
        using var host = Host(TestStorage.NewPrefix());
        var azure = host.Services.GetRequiredKeyedService<IProviderIngestion>("azure");
        var yesterday = TestClock.Today.AddDays(-1);
        Costs(yesterday, 1234.5678m);

        var first = await azure.IngestCostsAsync();
        var slices = SlicesQueried();
        _time.Advance(TimeSpan.FromHours(1));
        _arm.Reset();
        Costs(yesterday, 1234.5678m);
        var second = await azure.IngestCostsAsync();

        (first.Run.PaidApiCalls, first.Run.ApiCalls, first.Run.ThrottledSeconds, first.Run.RowsUpserted).Should().Be((0, 8 * slices, 30d, 1),
            "Cost Management queries are free (per slice and cost type: its pricing models, usage, the other charge types, the total to reconcile); the first was throttled for 30 s");
        (second.Run.RowsUpserted, second.Run.RowsDeleted, second.Run.RowsUnchanged).Should().Be((0, 0, 1), "re-running the same window is idempotent");
        var rows = new List<CostRow>();
        await foreach (var row in host.Services.GetRequiredService<CostStore>().QueryAsync())
        {
            rows.Add(row);
        }

        rows.Should().ContainSingle().Which.Should().Match<CostRow>(r =>
            r.ProviderName == "Microsoft" && r.Source == "azure-cost-management" && r.BilledCost == 1234.5678m && r.BillingCurrency == "EUR" && r.RegionId == "westeurope");
        Pipeline.Core.Runs.RunRecord? stored = null;
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(2))
        {
            stored ??= run;
        }

        (stored!.RunId, stored.ApiCalls, stored.ThrottledSeconds, stored.PaidApiCalls).Should().Be((second.Run.RunId, 8 * slices, 30d, 0), "the runs table keeps the call and throttling counts");
        second.Evaluations.Should().ContainSingle().Which.BillingAccountId.Should().Be(Account);
    }

    [Fact]
    public async Task A_failed_pull_is_recorded_and_leaves_stored_costs_untouched()
    {
        using var host = Host(TestStorage.NewPrefix());
        var azure = host.Services.GetRequiredKeyedService<IProviderIngestion>("azure");
        Costs(TestClock.Today.AddDays(-1), 10m);
        await azure.IngestCostsAsync();
        _time.Advance(TimeSpan.FromHours(1));
        _arm.Reset();
        _arm.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody("""{ "properties": { "columns": [ { "name": "Cost" }, { "name": "UsageDate" } ], "rows": [ [ 1, 2025"""));

        var act = () => azure.IngestCostsAsync();

        (await act.Should().ThrowAsync<Pipeline.Http.ProviderBadResponseException>()).WithMessage("*malformed or truncated JSON*");
        var rows = new List<CostRow>();
        await foreach (var row in host.Services.GetRequiredService<CostStore>().QueryAsync())
        {
            rows.Add(row);
        }

        rows.Should().ContainSingle().Which.BilledCost.Should().Be(10m);
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(1))
        {
            (run.Status, run.Source).Should().Be((Pipeline.Core.Runs.RunStatus.Failed, "azure-cost-management"));
            run.Error.Should().Contain("malformed");
        }
    }

    [Fact]
    public async Task Macc_lots_sync_as_provider_commitments_and_a_file_commitment_of_the_same_id_only_takes_the_reported_balance()
    {
        using var host = Host(TestStorage.NewPrefix());
        var store = host.Services.GetRequiredService<CommitmentStore>();
        await store.UpsertAsync(new Commitment
        {
            Id = "azure-macc-lot2", Name = "Negotiated MACC (from contract)", ProviderName = "Microsoft", Currency = "USD",
            Periods = [new CommitmentPeriod(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), 999m)],
        });
        _arm.Given(Request.Create().WithPath($"/providers/Microsoft.Billing/billingAccounts/{Account}/providers/Microsoft.Consumption/lots").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""
                { "value": [
                  { "name": "lot1", "properties": { "originalAmount": { "currency": "USD", "value": 30000000 }, "closedBalance": { "currency": "USD", "value": 20000000 },
                    "startDate": "2025-01-01T00:00:00Z", "expirationDate": "2028-01-01T00:00:00Z" } },
                  { "name": "lot2", "properties": { "originalAmount": { "currency": "USD", "value": 5 }, "closedBalance": { "currency": "USD", "value": 4 }, "startDate": "2026-01-01T00:00:00Z", "expirationDate": "2027-01-01T00:00:00Z" } } ] }
                """));
        _arm.Given(Request.Create().WithPath($"/providers/Microsoft.Billing/billingAccounts/{Account}/providers/Microsoft.Consumption/events").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""
                { "value": [ { "name": "e1", "properties": { "lotSource": "ConsumptionCommitment", "lotId": "/providers/Microsoft.Billing/billingAccounts/{{Account}}/Microsoft.Consumption/lots/lot2",
                  "transactionDate": "2026-11-05T00:00:00Z", "eventType": "SettledCharges", "closedBalance": { "currency": "USD", "value": 4 } } } ] }
                """));
        var azure = host.Services.GetRequiredKeyedService<IProviderIngestion>("azure");

        (await azure.SyncCommitmentsAsync()).Should().Be(2);
        (await azure.SyncCommitmentsAsync()).Should().Be(2, "a re-run upserts the same rows");

        var all = new List<Commitment>();
        await foreach (var c in store.ListAsync())
        {
            all.Add(c);
        }

        all.Should().HaveCount(2);
        all.Single(c => c.Id == "azure-macc-lot1").Should().Match<Commitment>(c => c.Origin == "provider" && c.ReportedBalance == 20000000m && c.Periods[0].Amount == 30000000m && c.Eligibility.BillingAccountIds.Single() == Account);
        all.Single(c => c.Id == "azure-macc-lot2").Should().Match<Commitment>(c => c.Origin == "file" && c.Periods[0].Amount == 999m && c.ReportedBalance == 4m && c.ReportedBalanceAsOf == new DateOnly(2026, 11, 5),
            "the commitments file keeps the definition and takes only the reported balance");
    }

    public void Dispose() => _arm.Stop();
}
