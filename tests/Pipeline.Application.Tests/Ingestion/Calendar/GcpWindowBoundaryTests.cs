using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>
/// The BigQuery billing export's invoice-close window across month and year boundaries, against a Google stub answering
/// the query from a ledger whose month-end days also carry charges invoiced in the next month: a day billed in two
/// invoice months is two rows, each stored once, and neither is deleted by the other month's run.
/// </summary>
public sealed class GcpWindowBoundaryTests : IDisposable
{
    private readonly WireMockServer _google = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly CostLedger _ledger = new(["ai-training-prod", "inference-prod"], ["Compute Engine", "Vertex AI"], lateCharges: true);

    private Microsoft.Extensions.Hosting.IHost Host(InstantTimeProvider time) => PipelineTestHost.Create(TestStorage.NewPrefix(), new Dictionary<string, string?>
    {
        ["Gcp:Enabled"] = "true",
        ["Gcp:BillingAccountId"] = "01A2B3-C4D5E6-F7A8B9",
        ["Gcp:ExportTable"] = "billing-admin.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9",
        ["Gcp:QueryProject"] = "billing-admin",
        ["Gcp:WindowDays"] = BoundaryCases.WindowDays.ToString(CultureInfo.InvariantCulture),
        ["Gcp:WorkloadIdentityProvider"] = "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/azure/providers/entra",
        ["Gcp:EntraAudience"] = "api://pipeline-gcp",
        ["Gcp:BigQueryEndpoint"] = _google.Url + "/",
        ["Gcp:CloudBillingEndpoint"] = _google.Url + "/",
        ["Gcp:StsEndpoint"] = _google.Url + "/",
    }, time, new StaticTokenCredential("entra-jwt"));

    private void ServeLedger(InstantTimeProvider time)
    {
        _google.Given(Request.Create().UsingPost().WithPath("/v1/token"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{ "access_token": "ya29.federated", "expires_in": 3599, "token_type": "Bearer" }"""));
        _google.Given(Request.Create().UsingGet().WithPath("/v1/billingAccounts/01A2B3-C4D5E6-F7A8B9"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{ "name": "billingAccounts/01A2B3-C4D5E6-F7A8B9", "displayName": "gcp-ai" }"""));
        _google.Given(Request.Create().UsingPost().WithPath("/bigquery/v2/projects/billing-admin/queries").WithHeader("Authorization", "Bearer ya29.federated"))
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var (start, end) = Parameters(request.Body!);
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                string[] columns = ["usage_date", "invoice_month", "project_id", "project_name", "service", "region", "cost_type", "currency", "cost", "discount_credits", "other_credits"];
                var rows = _ledger.AsOf(today, start, end).Select(c => (JsonNode)new JsonObject
                {
                    ["f"] = new JsonArray(new[]
                    {
                        $"{c.Day:yyyy-MM-dd}", $"{c.BillingPeriod:yyyyMM}", c.SubAccount, c.SubAccount, c.Service, "us-central1", "regular", "USD",
                        c.Billed.ToString(CultureInfo.InvariantCulture), "0", "0",
                    }.Select(v => (JsonNode)new JsonObject { ["v"] = v }).ToArray()),
                }).ToArray();
                var page = new JsonObject
                {
                    ["schema"] = new JsonObject { ["fields"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["type"] = "STRING" }).ToArray()) },
                    ["jobReference"] = new JsonObject { ["projectId"] = "billing-admin", ["jobId"] = "job_" + Guid.NewGuid().ToString("n"), ["location"] = "US" },
                    ["jobComplete"] = true, ["totalRows"] = rows.Length.ToString(CultureInfo.InvariantCulture), ["totalBytesProcessed"] = "1048576",
                    ["rows"] = new JsonArray(rows),
                };
                return StubJson.Ok(page);
            }));
    }

    [Theory]
    [Trait(TestClock.Trait, TestClock.Category)]
    [MemberData(nameof(BoundaryCases.Dates), MemberType = typeof(BoundaryCases))]
    public async Task Daily_runs_across_the_boundary_query_the_invoice_close_window_and_store_every_day_and_invoice_month_once(string today)
    {
        var @case = BoundaryCases.For(today);
        var time = new InstantTimeProvider(TestClock.At(@case.Today.AddDays(-2)));
        ServeLedger(time);
        using var host = Host(time);

        List<(DateOnly, DateOnly)> requested = [];
        var window = await DailyRuns.AcrossAsync(host, time, @case.Today, host.Services.GetRequiredKeyedService<IProviderIngestion>("gcp"), "Google Cloud", _ledger, effectiveIsBilled: true,
            beforeToday: _google.ResetLogEntries,
            afterToday: () => requested = _google.LogEntries.Where(e => e.RequestMessage.Path.EndsWith("/queries", StringComparison.Ordinal)).Select(e => Parameters(e.RequestMessage.Body!)).ToList());

        window.Should().Be((@case.InvoiceClose, @case.Today));
        requested.Should().Equal([(@case.InvoiceClose, @case.Today)], "one query job for the whole window");
    }

    /// <summary>The query's @start and @end parameters (usage_start_time in [start, end)).</summary>
    private static (DateOnly Start, DateOnly End) Parameters(string body)
    {
        var parameters = JsonNode.Parse(body)!["queryParameters"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (string)p!["parameterValue"]!["value"]!);
        return (TestClock.Day(parameters["start"]), TestClock.Day(parameters["end"]));
    }

    public void Dispose() => _google.Stop();
}
