using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Core.Costs;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Runs;
using Pipeline.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Ingestion;

/// <summary>
/// Google Cloud through the production composition: managed identity -> STS federation -> BigQuery, against a WireMock
/// Google and Azurite.
/// </summary>
public sealed class GcpIngestionTests : IDisposable
{
    private readonly WireMockServer _google = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    private Microsoft.Extensions.Hosting.IHost Host(string prefix) => PipelineTestHost.Create(prefix, new Dictionary<string, string?>
    {
        ["Gcp:Enabled"] = "true",
        ["Gcp:BillingAccountId"] = "01A2B3-C4D5E6-F7A8B9",
        ["Gcp:ExportTable"] = "billing-admin.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9",
        ["Gcp:QueryProject"] = "billing-admin",
        ["Gcp:WindowDays"] = "3",
        ["Gcp:WorkloadIdentityProvider"] = "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/azure/providers/entra",
        ["Gcp:EntraAudience"] = "api://pipeline-gcp",
        ["Gcp:BigQueryEndpoint"] = _google.Url + "/",
        ["Gcp:CloudBillingEndpoint"] = _google.Url + "/",
        ["Gcp:StsEndpoint"] = _google.Url + "/",
    }, credential: new StaticTokenCredential("entra-jwt"));

    [Fact]
    public async Task Costs_are_pulled_through_federation_stored_and_the_bytes_recorded_and_a_rerun_changes_nothing()
    {
        var yesterday = TestClock.Today.AddDays(-1);
        _google.Given(Request.Create().UsingPost().WithPath("/v1/token")).RespondWith(Json("""{ "access_token": "ya29.federated", "expires_in": 3599, "token_type": "Bearer" }"""));
        _google.Given(Request.Create().UsingGet().WithPath("/v1/billingAccounts/01A2B3-C4D5E6-F7A8B9").WithHeader("Authorization", "Bearer ya29.federated"))
            .RespondWith(Json("""{ "name": "billingAccounts/01A2B3-C4D5E6-F7A8B9", "displayName": "gcp-ai-billing" }"""));
        _google.Given(Request.Create().UsingPost().WithPath("/bigquery/v2/projects/billing-admin/queries").WithHeader("Authorization", "Bearer ya29.federated"))
            .RespondWith(Json($$"""
                { "schema": { "fields": [ {"name":"usage_date"},{"name":"invoice_month"},{"name":"project_id"},{"name":"project_name"},{"name":"service"},{"name":"region"},
                    {"name":"cost_type"},{"name":"currency"},{"name":"cost"},{"name":"discount_credits"},{"name":"other_credits"} ] },
                  "jobReference": { "projectId": "billing-admin", "jobId": "job_1", "location": "US" }, "jobComplete": true, "totalRows": "1",
                  "totalBytesProcessed": "52428800",
                  "rows": [ { "f": [ {"v":"{{yesterday:yyyy-MM-dd}}"},{"v":"{{yesterday:yyyyMM}}"},{"v":"ai-training-prod"},{"v":"AI Training"},{"v":"Compute Engine"},
                    {"v":"us-central1"},{"v":"regular"},{"v":"USD"},{"v":"1000"},{"v":"-100"},{"v":"0"} ] } ] }
                """));
        using var host = Host(TestStorage.NewPrefix());
        var gcp = host.Services.GetRequiredKeyedService<IProviderIngestion>("gcp");

        var first = await gcp.IngestCostsAsync();
        var second = await gcp.IngestCostsAsync();

        (first.Run.PaidApiCalls, first.Run.BytesScanned, first.Run.RowsUpserted).Should().Be((1, 52428800L, 2), "one billed query job; a usage row and its credit row");
        (second.Run.RowsUpserted, second.Run.RowsUnchanged).Should().Be((0, 2));
        var rows = new List<CostRow>();
        await foreach (var row in host.Services.GetRequiredService<CostStore>().QueryAsync())
        {
            rows.Add(row);
        }

        rows.Sum(r => r.BilledCost).Should().Be(900m);
        rows.Should().AllSatisfy(r => r.Should().Match<CostRow>(x => x.ProviderName == "Google Cloud" && x.BillingAccountName == "gcp-ai-billing" && x.Source == "gcp-billing-export"));
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(1))
        {
            run.BytesScanned.Should().Be(52428800L, "the runs table keeps the bytes BigQuery billed");
        }

        _google.LogEntries.Count(e => e.RequestMessage.Path == "/v1/token").Should().Be(1, "the federated token is reused across runs");
    }

    private static IResponseBuilder Json(string body) => Response.Create().WithHeader("Content-Type", "application/json").WithBody(body);

    public void Dispose() => _google.Stop();
}
