using Pipeline.Http;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;
using Pipeline.Storage.Costs;
using Pipeline.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>Cost Explorer's trailing window across month and year boundaries, against a stub that answers from a ledger.</summary>
public sealed class AwsWindowBoundaryTests : IDisposable
{
    private static readonly string[] s_accounts = ["111122223333", "444455556666"];
    private readonly WireMockServer _ce = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly CostLedger _ledger = new(s_accounts, ["Amazon Elastic Compute Cloud - Compute", "Amazon SageMaker"]);

    private Microsoft.Extensions.Hosting.IHost Host(InstantTimeProvider time) => PipelineTestHost.Create(TestStorage.NewPrefix(), new Dictionary<string, string?>
    {
        ["Aws:Enabled"] = "true",
        ["Aws:PayerAccountId"] = "999988887777",
        ["Aws:LinkedAccounts:0"] = s_accounts[0],
        ["Aws:LinkedAccounts:1"] = s_accounts[1],
        ["Aws:WindowDays"] = BoundaryCases.WindowDays.ToString(CultureInfo.InvariantCulture),
        ["Aws:CostExplorerEndpoint"] = _ce.Url + "/",
        ["Aws:AccessKeyId"] = "AKIDEXAMPLE",
        ["Aws:SecretAccessKey"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    }, time);

    /// <summary>GetCostAndUsage as documented: one ResultsByTime entry per day of [Start, End), grouped by SERVICE and REGION.</summary>
    private void ServeLedger(InstantTimeProvider time, int extraDaysAfterEnd = 0) =>
        _ce.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "AWSInsightsIndexService.GetCostAndUsage"))
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var body = JsonNode.Parse(request.Body!)!;
                var (start, end) = (TestClock.Day((string)body["TimePeriod"]!["Start"]!), TestClock.Day((string)body["TimePeriod"]!["End"]!));
                var account = Account(body);
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

                // The ledger is all usage: the query for the other record types has no groups.
                var cells = _ledger.AsOf(today.AddDays(extraDaysAfterEnd), start, end.AddDays(extraDaysAfterEnd)).Where(c => c.SubAccount == account && !ByRecordType(body));
                var results = cells.GroupBy(c => c.Day).Select(day => new JsonObject
                {
                    ["TimePeriod"] = new JsonObject { ["Start"] = $"{day.Key:yyyy-MM-dd}", ["End"] = $"{day.Key.AddDays(1):yyyy-MM-dd}" },
                    ["Total"] = new JsonObject(),
                    ["Groups"] = new JsonArray(day.Select(c => (JsonNode)new JsonObject
                    {
                        ["Keys"] = new JsonArray(c.Service, "us-east-1"),
                        ["Metrics"] = new JsonObject
                        {
                            ["UnblendedCost"] = new JsonObject { ["Amount"] = c.Billed.ToString(CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                            ["NetAmortizedCost"] = new JsonObject { ["Amount"] = c.Effective.ToString(CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                        },
                    }).ToArray()),
                    ["Estimated"] = day.Key >= today.AddDays(-1),
                });
                return StubJson.Ok(new JsonObject { ["GroupDefinitions"] = new JsonArray(), ["ResultsByTime"] = new JsonArray(results.ToArray<JsonNode>()), ["DimensionValueAttributes"] = new JsonArray() }, "application/x-amz-json-1.1");
            }));

    [Theory]
    [Trait(TestClock.Trait, TestClock.Category)]
    [MemberData(nameof(BoundaryCases.Dates), MemberType = typeof(BoundaryCases))]
    public async Task Daily_runs_across_the_boundary_request_the_trailing_window_and_store_every_day_exactly_once(string today)
    {
        var @case = BoundaryCases.For(today);
        var time = new InstantTimeProvider(TestClock.At(@case.Today.AddDays(-2)));
        ServeLedger(time);
        using var host = Host(time);

        List<(string, DateOnly, DateOnly)> requested = [];
        var window = await DailyRuns.AcrossAsync(host, time, @case.Today, host.Services.GetRequiredKeyedService<IProviderIngestion>("aws"), "AWS", _ledger, effectiveIsBilled: false,
            beforeToday: _ce.ResetLogEntries, afterToday: () => requested = Requested().ToList());

        window.Should().Be((@case.Aws, @case.Today));
        requested.Should().BeEquivalentTo(s_accounts.SelectMany(a => new[] { (a, @case.Aws, @case.Today), (a, @case.Aws, @case.Today) }),
            "two GetCostAndUsage per linked account (usage, and the other record types), for the trailing window");
    }

    [Fact]
    public async Task A_day_outside_the_requested_window_fails_the_run_naming_it_and_changes_nothing()
    {
        var time = new InstantTimeProvider(TestClock.Now);
        using var host = Host(time);
        ServeLedger(time);
        await host.Services.GetRequiredKeyedService<IProviderIngestion>("aws").IngestCostsAsync();
        var before = await StoredCosts.TotalsAsync(host, "AWS");
        _ce.Reset();
        ServeLedger(time, extraDaysAfterEnd: 1);

        var act = () => host.Services.GetRequiredKeyedService<IProviderIngestion>("aws").IngestCostsAsync();

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage($"AWS: returned costs for {TestClock.Today:yyyy-MM-dd}, outside the requested window *");
        (await StoredCosts.TotalsAsync(host, "AWS")).Should().BeEquivalentTo(before);
        (await host.Services.GetRequiredService<CostStore>().QueryAsync().CountAsync()).Should().Be(before.Count * 4, "2 accounts x 2 services a day");
    }

    private IEnumerable<(string Account, DateOnly From, DateOnly To)> Requested() => _ce.LogEntries.Select(e => JsonNode.Parse(e.RequestMessage.Body!)!)
        .Select(b => (Account(b), TestClock.Day((string)b["TimePeriod"]!["Start"]!), TestClock.Day((string)b["TimePeriod"]!["End"]!)));

    /// <summary>The LINKED_ACCOUNT of a request's filter, alone or in an And.</summary>
    private static string Account(JsonNode body) =>
        (body["Filter"]!["And"]?.AsArray().Select(c => c!).ToList() ?? [body["Filter"]!]).Select(c => (string?)c["Dimensions"]?["Values"]?[0]).OfType<string>()
            .First(v => v.All(char.IsDigit));

    private static bool ByRecordType(JsonNode body) => (string?)body["GroupBy"]?[0]?["Key"] == "RECORD_TYPE";

    public void Dispose() => _ce.Stop();
}
