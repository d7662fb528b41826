using Pipeline.Http;
using System.Text.Json;
using Pipeline.Connectors.Common;
using Pipeline.Connectors.Gcp;
using Pipeline.Core.Costs;
using WireMock.Matchers;

namespace Pipeline.Connectors.Tests.Gcp;

/// <summary>The BigQuery billing export through the real client against a stub that speaks BigQuery's REST JSON.</summary>
public sealed class GcpCostConnectorTests : IDisposable
{
    private static readonly DateOnly From = new(2025, 5, 30);
    private static readonly DateOnly To = new(2025, 6, 2);
    private readonly GcpStub _gcp = new();

    private void Account(string name = "GCP AI billing") =>
        _gcp.Server.Given(_gcp.Get($"/v1/billingAccounts/{GcpStub.Account}")).RespondWith(GcpStub.Json($$"""
            { "name": "billingAccounts/{{GcpStub.Account}}", "open": true, "displayName": "{{name}}", "masterBillingAccount": "", "currencyCode": "USD" }
            """));

    [Fact]
    public async Task An_incomplete_job_is_polled_pages_are_followed_and_credits_split_by_type()
    {
        Account();
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Page("job_1", [], [], complete: false)));
        _gcp.Server.Given(_gcp.Results("job_1")).InScenario("poll").WillSetStateTo("done").AtPriority(5)
            .RespondWith(GcpStub.Json(GcpStub.Page("job_1", [], [], complete: false)));
        _gcp.Server.Given(_gcp.Results("job_1")).InScenario("poll").WhenStateIs("done").AtPriority(4).RespondWith(GcpStub.Json(GcpStub.Page("job_1", GcpStub.StandardColumns,
        [
            ["2025-05-31", "202505", "ai-training-prod", "AI Training", "Compute Engine", "us-central1", "regular", "USD", "3187.5512", "-318.75", "-100"],
            ["2025-05-31", "202505", null, null, "Support", null, "regular", "USD", "1.3E-5", "0", "0"],
        ], pageToken: "page-2", totalRows: 3)));
        _gcp.Server.Given(_gcp.Results("job_1").WithParam("pageToken", "page-2")).AtPriority(1).RespondWith(GcpStub.Json(GcpStub.Page("job_1", GcpStub.StandardColumns,
        [
            ["2025-06-01", "202506", "ai-training-prod", "AI Training", "Vertex AI", "global", "tax", "usd", "12.5", "0", "0"],
        ], totalRows: 3)));

        var meter = new ProviderCallMeter();
        var pull = await _gcp.Costs().PullAsync(From, To, meter);

        (meter.Requests, meter.PaidCalls, pull.BytesScanned).Should().Be((5, 1, 1874563L), "query (the billed job), two polls, the second page and the billing account");
        var usage = pull.Rows.Single(r => r.ServiceName == "Compute Engine" && r.ChargeCategory == "Usage");
        (usage.BilledCost, usage.EffectiveCost, usage.SubAccountId, usage.SubAccountName, usage.RegionId, usage.ServiceCategory, usage.BillingAccountName)
            .Should().Be((3187.5512m, 2868.8012m, "ai-training-prod", "AI Training", "us-central1", "Compute", "GCP AI billing"), "discount credits lower the usage's EffectiveCost");
        var credit = pull.Rows.Single(r => r.ServiceName == "Compute Engine" && r.ChargeCategory == "Credit");
        (credit.BilledCost, credit.EffectiveCost).Should().Be((-418.75m, -100m), "every credit is billed; only the promotion is left for EffectiveCost");
        (pull.Rows.Where(r => r.ServiceName == "Compute Engine").Sum(r => r.BilledCost), pull.Rows.Where(r => r.ServiceName == "Compute Engine").Sum(r => r.EffectiveCost))
            .Should().Be((2768.8012m, 2768.8012m), "both totals are cost + credits");
        pull.Rows.Single(r => r.ServiceName == "Support").Should().Match<CostRow>(r => r.BilledCost == 0.000013m && r.SubAccountId == null && r.RegionId == null);
        pull.Rows.Single(r => r.ServiceName == "Vertex AI").Should().Match<CostRow>(r =>
            r.ChargeCategory == "Tax" && r.BillingCurrency == "USD" && r.RegionId == null && r.BillingPeriodStart == new DateOnly(2025, 6, 1));

        var request = JsonDocument.Parse(_gcp.Server.LogEntries.First(e => e.RequestMessage.Method == "POST").RequestMessage.Body!).RootElement;
        request.GetProperty("useLegacySql").GetBoolean().Should().BeFalse();
        request.GetProperty("maximumBytesBilled").GetString().Should().Be("100000000000");
        request.GetProperty("query").GetString().Should().Contain("FROM `billing-admin.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9`").And.Contain("_PARTITIONTIME >= TIMESTAMP(@partition_start)");
        request.GetProperty("queryParameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("parameterValue").GetProperty("value").GetString())
            .Should().Equal(new Dictionary<string, string?> { ["start"] = "2025-05-30", ["end"] = "2025-06-02", ["partition_start"] = "2025-05-27" });
    }

    [Fact]
    public async Task A_late_row_is_billed_in_its_invoice_month()
    {
        Account();
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Page("job_2", GcpStub.StandardColumns,
            [["2025-05-31", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "5", "0", "0"]])));

        var row = (await _gcp.Costs().PullAsync(From, To)).Rows.Single();

        (row.ChargePeriodStart, row.BillingPeriodStart, row.BillingPeriodEnd).Should().Be((new DateOnly(2025, 5, 31), new DateOnly(2025, 6, 1), new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public async Task The_focus_export_is_read_by_focus_column_names()
    {
        Account();
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Page("job_3",
            ["usage_date", "billing_period_start", "project_id", "project_name", "service", "service_category", "region", "charge_category", "currency", "billed_cost", "effective_cost"],
            [["2025-06-01", "2025-06-01", "ai-inference-prod", "Inference", "Vertex AI", "AI and Machine Learning", "us-central1", "Usage", "EUR", "100.25", "90.5"]])));

        var pull = await _gcp.Costs(o => { o.ExportKind = GcpExportKind.Focus; o.ExportTable = "billing-admin.gcp_billing_immutable_x_us.gcp_billing_export_focus_x"; }).PullAsync(From, To);

        pull.Rows.Should().ContainSingle().Which.Should().Match<CostRow>(r =>
            r.BilledCost == 100.25m && r.EffectiveCost == 90.5m && r.BillingCurrency == "EUR" && r.ServiceCategory == "AI and Machine Learning" && r.SubAccountName == "Inference");
        var request = JsonDocument.Parse(_gcp.Server.LogEntries.First(e => e.RequestMessage.Method == "POST").RequestMessage.Body!).RootElement;
        request.GetProperty("query").GetString().Should().Contain("ChargePeriodStart >= TIMESTAMP(@start)").And.NotContain("partition_start");
        request.GetProperty("queryParameters").GetArrayLength().Should().Be(2, "only the parameters the FOCUS query uses are sent");
    }

    [Fact]
    public async Task A_short_term_rate_limit_sent_as_403_is_retried()
    {
        Account();
        var calls = 0;
        _gcp.Server.Given(_gcp.Query()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(_ => new WireMock.ResponseMessage
        {
            StatusCode = Interlocked.Increment(ref calls) == 1 ? 403 : 200,
            Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new WireMock.Util.BodyData
            {
                BodyAsString = calls == 1 ? GcpStub.Error(403, "rateLimitExceeded", "Exceeded rate limits: too many api requests per user per method") : GcpStub.Page("job_4", GcpStub.StandardColumns, []),
                DetectedBodyType = WireMock.Types.BodyType.String,
            },
        }));

        var pull = await _gcp.Costs().PullAsync(From, To);

        (calls, pull.Rows.Count).Should().Be((2, 0));
    }

    [Fact]
    public async Task A_long_term_quota_error_fails_at_once_with_its_reason()
    {
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Error(403, "quotaExceeded", "Quota exceeded: Your project exceeded quota for free query bytes scanned"), 403));

        var act = () => _gcp.Costs().PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderRequestException>()).WithMessage("*quotaExceeded*not retried*free query bytes*");
        _gcp.Server.LogEntries.Should().HaveCount(1);
    }

    [Fact]
    public async Task Access_denied_names_the_iam_documentation()
    {
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Error(403, "accessDenied", "Access Denied: Project billing-admin: User does not have bigquery.jobs.create permission"), 403));

        var act = () => _gcp.Costs().PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).WithMessage("*accessDenied*bigquery.jobs.create*docs/gcp.md*");
    }

    [Fact]
    public async Task A_missing_billing_viewer_role_leaves_the_account_name_empty_but_keeps_the_costs()
    {
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Page("job_5", GcpStub.StandardColumns,
            [["2025-06-01", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "5", "0", "0"]])));
        _gcp.Server.Given(_gcp.Get($"/v1/billingAccounts/{GcpStub.Account}")).RespondWith(GcpStub.Json(GcpStub.Error(403, "forbidden", "The caller does not have permission"), 403));

        var pull = await _gcp.Costs().PullAsync(From, To);

        pull.Rows.Should().ContainSingle().Which.BillingAccountName.Should().BeNull();
    }

    [Theory]
    [InlineData(new[] { "2025-06-01", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "lots", "0", "0" }, "cost 'lots'")]
    [InlineData(new[] { "06/01/2025", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "1", "0", "0" }, "usage date '06/01/2025'")]
    [InlineData(new[] { "2025-06-01", "2025-06", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "1", "0", "0" }, "invoice month '2025-06'")]
    [InlineData(new[] { "2025-06-01", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "DOLLARS", "1", "0", "0" }, "currency 'DOLLARS'")]
    [InlineData(new[] { "2025-06-01", "202506", "p" }, "3 cells for 11 columns")]
    public async Task Malformed_rows_fail_with_the_cause(string[] row, string cause)
    {
        Account();
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Page("job_6", GcpStub.StandardColumns, [row])));

        var act = () => _gcp.Costs().PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).Which.Message.Should().Contain(cause);
    }

    [Fact]
    public async Task A_failed_job_reports_its_error_result()
    {
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json("""
            { "kind": "bigquery#queryResponse", "jobReference": { "projectId": "billing-admin", "jobId": "job_7", "location": "US" }, "jobComplete": true,
              "status": { "state": "DONE", "errorResult": { "reason": "invalidQuery", "location": "query", "message": "Unrecognized name: invoice at [3:3]" },
                "errors": [ { "reason": "invalidQuery", "location": "query", "message": "Unrecognized name: invoice at [3:3]" } ] } }
            """));

        var act = () => _gcp.Costs().PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderRequestException>()).WithMessage("*invalidQuery*job_7*Unrecognized name*");
    }

    [Fact]
    public async Task Warnings_in_errors_do_not_fail_a_completed_job()
    {
        // "errors: The first errors or warnings encountered ... Errors here do not necessarily mean that the job has not completed or was unsuccessful."
        Account();
        var page = System.Text.Json.Nodes.JsonNode.Parse(GcpStub.Page("job_9", GcpStub.StandardColumns,
            [["2025-06-01", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "5", "0", "0"]]))!;
        page["errors"] = System.Text.Json.Nodes.JsonNode.Parse("""[ { "reason": "stopped", "message": "Some rows were skipped: warning only" } ]""");
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(page.ToJsonString()));

        var pull = await _gcp.Costs().PullAsync(From, To);

        pull.Rows.Should().ContainSingle().Which.BilledCost.Should().Be(5m);
    }

    [Fact]
    public async Task Pages_are_read_to_the_last_token_whatever_total_rows_says()
    {
        // totalRows is a string in the API and an estimate while pages stream; the last pageToken is the truth.
        Account();
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Page("job_8", GcpStub.StandardColumns,
            [["2025-06-01", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "5", "0", "0"]], pageToken: "p2", totalRows: 1)));
        _gcp.Server.Given(_gcp.Results("job_8").WithParam("pageToken", "p2")).RespondWith(GcpStub.Json(GcpStub.Page("job_8", GcpStub.StandardColumns,
            [["2025-06-02", "202506", "p", "p", "Compute Engine", "us-east4", "regular", "USD", "7", "0", "0"]], totalRows: 1)));

        var pull = await _gcp.Costs().PullAsync(From, To);

        pull.Rows.Sum(r => r.BilledCost).Should().Be(12m, "both pages are read although totalRows says 1");
    }

    [Theory]
    [InlineData("regular", "Usage")]
    [InlineData("tax", "Tax")]
    [InlineData("adjustment", "Adjustment")]
    [InlineData("rounding error", "Adjustment")]
    [InlineData("rounding_error", "Adjustment")]
    [InlineData("Rounding Error", "Adjustment")]
    public void Cost_types_map_to_focus_charge_categories(string costType, string category) =>
        Pipeline.Connectors.Gcp.GcpCostConnector.ChargeCategory(costType).Should().Be(category);

    public void Dispose() => _gcp.Dispose();
}
