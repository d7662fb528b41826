using Pipeline.Http;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Common;
using Pipeline.Connectors.Focus;
using Pipeline.Connectors.Tests.Aws;
using Pipeline.Connectors.Tests.Azure;
using Pipeline.Connectors.Tests.Gcp;
using Pipeline.Connectors.Tests.Oci;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pipeline.Connectors.Tests.Common;

/// <summary>
/// Every paging loop against a stub that hands back the same continuation token forever: each stops at the second
/// sight of the token with an error naming the operation, instead of looping (and, on Cost Explorer, billing) forever.
/// </summary>
[Trait(TestClock.Trait, TestClock.Independent)]
public sealed class PagingGuardTests : IDisposable
{
    private readonly AwsStub _aws = new();
    private readonly AzureStub _azure = new();
    private readonly GcpStub _gcp = new();
    private readonly OciStub _oci = new();

    [Fact]
    public void A_repeated_token_or_one_page_too_many_is_refused()
    {
        var repeated = new PageTokens("AWS", "ListThings");
        repeated.Next("a").Should().Be("a");
        repeated.Next((string?)null).Should().BeNull();
        var again = () => repeated.Next("a");
        again.Should().Throw<ProviderBadResponseException>().WithMessage("AWS: ListThings returned the same page token twice ('a')*");

        var capped = new PageTokens("AWS", "ListThings", maxPages: 3);
        capped.Next("1");
        capped.Next("2");
        var fourth = () => capped.Next("3");
        fourth.Should().Throw<ProviderBadResponseException>().WithMessage("*more than 3 pages*");
    }

    [Fact]
    public async Task Cost_explorer_stops_at_a_repeated_next_page_token()
    {
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).RespondWith(AwsStub.Json(AwsStub.CostPage("2025-06-06", false, "again",
            ("Amazon Elastic Compute Cloud - Compute", "us-east-1", "1", "1"))));
        var connector = _aws.Service<AwsCostExplorerConnector>(o => o.LinkedAccounts = ["111122223333"]);
        var meter = new ProviderCallMeter();

        var act = () => connector.PullAsync(new DateOnly(2025, 6, 6), new DateOnly(2025, 6, 7), meter);

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("AWS: GetCostAndUsage returned the same page token twice*");
        meter.PaidCalls.Should().Be(2, "the repeat is caught on the second page, not after a thousand paid calls");
    }

    [Fact]
    public async Task Ec2_capacity_reservations_stop_at_a_repeated_next_token()
    {
        _aws.Server.Given(Request.Create().WithPath("/ec2/us-east-1/").UsingPost().WithBody(new RegexMatcher("Action=DescribeCapacityReservations")))
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/xml;charset=UTF-8").WithBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeCapacityReservationsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><capacityReservationSet/><nextToken>again</nextToken>
                </DescribeCapacityReservationsResponse>
                """));
        _aws.Server.Given(Request.Create().WithPath("/quotas/us-east-1/").UsingPost())
            .RespondWith(AwsStub.Json("""{ "Quota": { "ServiceCode": "ec2", "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:ec2/L-417A185B", "QuotaCode": "L-417A185B", "Value": 8.0 } }"""));
        var connector = _aws.Service<AwsCapacityConnector>(o => o.QuotaCodes = ["L-417A185B"]);

        var act = () => connector.PullAsync();

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("AWS: DescribeCapacityReservations (us-east-1) returned the same page token twice*");
    }

    [Fact]
    public async Task An_s3_listing_stops_at_a_repeated_continuation_token()
    {
        _aws.Server.Given(Request.Create().WithPath(new RegexMatcher("^/billing-bucket/?$")).UsingGet().WithParam("list-type", "2"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/xml").WithBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>billing-bucket</Name><Prefix>focus/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>
                  <NextContinuationToken>again</NextContinuationToken>
                </ListBucketResult>
                """));
        var options = _aws.Options(o => o.S3Endpoint = _aws.Server.Url);
        var source = new FocusFileSourceFactory(new global::Azure.Identity.DefaultAzureCredential(),
            new AwsCredentialsFactory(options, new global::Azure.Identity.DefaultAzureCredential()), options).Create("s3://billing-bucket/focus/");

        var act = async () =>
        {
            await foreach (var _ in source.ListAsync())
            {
            }
        };

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("AWS: ListObjectsV2 s3://billing-bucket/focus/ returned the same page token twice*");
    }

    [Fact]
    public async Task A_cost_management_query_stops_at_a_next_link_to_itself()
    {
        var next = _azure.Server.Url + "/subscriptions/sub-z/providers/Microsoft.CostManagement/query?api-version=2024-08-01&$skiptoken=again";
        _azure.Server.Given(_azure.Query("subscriptions/sub-z"))
            .RespondWith(AzureStub.Json(AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 1, 20250601, "Storage", "eastus", "USD" ]""", next)));
        var connector = _azure.Connector<AzureCostManagementConnector>(o => o.Scopes = ["subscriptions/sub-z"]);

        var act = () => connector.PullAsync(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 2));

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("Azure: subscriptions/sub-z query returned the same page token twice*");
    }

    [Fact]
    public async Task Bigquery_results_stop_at_a_repeated_page_token()
    {
        _gcp.Server.Given(_gcp.Query()).RespondWith(GcpStub.Json(GcpStub.Page("job_1", GcpStub.StandardColumns, [], pageToken: "again")));
        _gcp.Server.Given(_gcp.Results("job_1")).RespondWith(GcpStub.Json(GcpStub.Page("job_1", GcpStub.StandardColumns, [], pageToken: "again")));
        _gcp.Server.Given(_gcp.Get("/v1/billingAccounts/" + GcpStub.Account)).RespondWith(GcpStub.Json("""{ "displayName": "gcp" }"""));

        var act = () => _gcp.Costs().PullAsync(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 2));

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("Google Cloud: query job job_1 results returned the same page token twice*");
    }

    [Fact]
    public async Task The_oci_usage_api_stops_at_a_repeated_next_page()
    {
        _oci.Server.Given(_oci.UsagePost()).RespondWith(OciStub.Json($$"""{ "items": [ {{OciStub.Item("2025-06-01", "Compute", "us-ashburn-1", 1m)}} ] }""", nextPage: "again"));

        var act = () => _oci.Usage().PullAsync(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 2));

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("Oracle Cloud: RequestSummarizedUsages returned the same page token twice*");
    }

    public void Dispose()
    {
        _aws.Dispose();
        _azure.Dispose();
        _gcp.Dispose();
        _oci.Dispose();
    }
}
