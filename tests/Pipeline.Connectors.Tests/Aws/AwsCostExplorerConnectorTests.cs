using Pipeline.Http;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Common;
using WireMock.Matchers;
using Pipeline.Testing;

namespace Pipeline.Connectors.Tests.Aws;

/// <summary>Cost Explorer through the real signed client against a stub that speaks its documented JSON 1.1 format.</summary>
public sealed class AwsCostExplorerConnectorTests : IDisposable
{
    private static readonly DateOnly From = new(2025, 6, 6);
    private static readonly DateOnly To = new(2025, 6, 8);
    private readonly AwsStub _aws = new();

    private AwsCostExplorerConnector Connector(Action<AwsOptions>? configure = null) => _aws.Service<AwsCostExplorerConnector>(configure);

    [Fact]
    public async Task Pages_are_followed_accounts_discovered_and_every_paid_call_counted()
    {
        _aws.Server.Given(_aws.Ce("GetDimensionValues")).RespondWith(AwsStub.Json("""
            { "DimensionValues": [ { "Value": "111122223333", "Attributes": { "description": "ml-prod" } } ], "ReturnSize": 1, "TotalSize": 1 }
            """));
        _aws.OtherRecordTypes();
        _aws.Server.Given(_aws.Ce("GetCostAndUsage").WithBody((string? b) => !AwsStub.ByRecordType(b) && b!.Contains("\"LINKED_ACCOUNT\",\"Values\":[\"111122223333\"]", StringComparison.Ordinal)))
            .AtPriority(2).RespondWith(AwsStub.Json(AwsStub.CostPage("2025-06-06", false, "page-2",
                ("Amazon Elastic Compute Cloud - Compute", "us-east-1", "2763.0984", "1996.4745"), ("Tax", "NoRegion", "120.00", "120.00"))));
        _aws.Server.Given(_aws.Ce("GetCostAndUsage").WithBody(new JsonPartialMatcher("""{ "NextPageToken": "page-2" }""")))
            .AtPriority(1).RespondWith(AwsStub.Json(AwsStub.CostPage("2025-06-07", true, null,
                ("Amazon SageMaker", "us-west-2", "10.5", "9.25"), ("AWS Support (Business)", "global", "-3.10", "-3.10"), ("Amazon S3", "us-east-1", "0", "0"))));
        var meter = new ProviderCallMeter();

        var pull = await Connector().PullAsync(From, To, meter);

        (meter.PaidCalls, meter.Requests, pull.Rows.Select(r => r.SubAccountId).Distinct().Count()).Should().Be((4, 4, 1),
            "one GetDimensionValues, two pages of usage and one of the other record types, each paid");
        pull.Rows.Should().HaveCount(4, "the all-zero group is dropped");
        var ec2 = pull.Rows.Single(r => r.ServiceName == "Amazon Elastic Compute Cloud - Compute");
        (ec2.BillingAccountId, ec2.SubAccountId, ec2.SubAccountName, ec2.RegionId, ec2.ServiceCategory, ec2.BilledCost, ec2.EffectiveCost, ec2.Estimated)
            .Should().Be(("999999999999", "111122223333", "ml-prod", "us-east-1", "Compute", 2763.0984m, 1996.4745m, false));
        pull.Rows.Single(r => r.ServiceName == "Tax").Should().Match<Pipeline.Core.Costs.CostRow>(r => r.ChargeCategory == "Tax" && r.RegionId == null);
        pull.Rows.Single(r => r.ServiceName == "Amazon SageMaker").Estimated.Should().BeTrue();
        pull.Rows.Single(r => r.ServiceName!.StartsWith("AWS Support", StringComparison.Ordinal)).BilledCost.Should().Be(-3.10m, "credits stay negative");
    }

    [Fact]
    public async Task Configured_accounts_skip_the_discovery_call()
    {
        _aws.OtherRecordTypes();
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).RespondWith(AwsStub.Json(AwsStub.CostPage("2025-06-06", false, null)));
        var meter = new ProviderCallMeter();

        var pull = await Connector(o => o.LinkedAccounts = ["111122223333", "444455556666"]).PullAsync(From, To, meter);

        (meter.PaidCalls, pull.Rows.Count).Should().Be((4, 0), "usage and the other record types per account");
        _aws.Server.LogEntries.Should().NotContain(e => e.RequestMessage.Headers!["X-Amz-Target"].Contains("AWSInsightsIndexService.GetDimensionValues"));
    }

    [Fact]
    public async Task Throttling_is_retried_and_then_succeeds()
    {
        _aws.OtherRecordTypes();
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).InScenario("throttle").WillSetStateTo("throttled once")
            .RespondWith(AwsStub.Json("""{"__type":"com.amazonaws.ce#LimitExceededException","Message":"Rate exceeded"}""", 400));
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).InScenario("throttle").WhenStateIs("throttled once").WillSetStateTo("429")
            .RespondWith(AwsStub.Json("{}", 429));
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).InScenario("throttle").WhenStateIs("429")
            .RespondWith(AwsStub.Json(AwsStub.CostPage("2025-06-06", false, null, ("Amazon Bedrock", "us-east-1", "5", "5"))));
        var meter = new ProviderCallMeter();

        var pull = await Connector(o => o.LinkedAccounts = ["1"]).PullAsync(From, To, meter);

        pull.Rows.Should().ContainSingle();
        (meter.Requests, meter.Retries, meter.PaidCalls).Should().Be((2, 2, 2), "the usage request, retried twice and paid once, and the other record types'");
        meter.ThrottledFor.Should().BePositive("LimitExceededException and 429 are both throttling");
    }

    [Fact]
    public async Task Credits_refunds_fees_support_and_taxes_are_kept_with_their_focus_charge_category()
    {
        _aws.OtherRecordTypes("2025-06-06",
            ("Credit", "Amazon Elastic Compute Cloud - Compute", "-250.00", "-250.00"), ("Refund", "Amazon SageMaker", "-40.00", "-40.00"),
            ("SavingsPlanRecurringFee", "Savings Plans for AWS Compute usage", "1200.00", "0"), ("RIFee", "Amazon Elastic Compute Cloud - Compute", "300.00", "0"),
            ("Support", "AWS Support (Enterprise)", "15000.00", "15000.00"), ("Tax", "Amazon Elastic Compute Cloud - Compute", "88.20", "88.20"),
            ("Enterprise Discount Program Discount", "Amazon Elastic Compute Cloud - Compute", "-99.00", "-99.00"), ("SomethingNew", "AWS Marketplace", "5.00", "5.00"));
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).AtPriority(5).RespondWith(AwsStub.Json(AwsStub.CostPage("2025-06-06", false, null,
            ("Amazon Elastic Compute Cloud - Compute", "us-east-1", "2763.0984", "1996.4745"))));

        var pull = await Connector(o => o.LinkedAccounts = ["111122223333"]).PullAsync(From, To, new ProviderCallMeter());

        pull.Rows.Select(r => (r.ChargeCategory, r.ChargeClass, r.ServiceName, r.RegionId, r.BilledCost)).Should().BeEquivalentTo(new (string, string?, string?, string?, decimal)[]
        {
            ("Usage", null, "Amazon Elastic Compute Cloud - Compute", "us-east-1", 2763.0984m),
            ("Credit", null, "Amazon Elastic Compute Cloud - Compute", null, -250m),
            ("Credit", "Correction", "Amazon SageMaker", null, -40m),
            ("Purchase", null, "Savings Plans for AWS Compute usage", null, 1200m),
            ("Purchase", null, "Amazon Elastic Compute Cloud - Compute", null, 300m),
            ("Purchase", null, "AWS Support (Enterprise)", null, 15000m),
            ("Tax", null, "Amazon Elastic Compute Cloud - Compute", null, 88.20m),
            ("Credit", null, "Amazon Elastic Compute Cloud - Compute", null, -99m),
            ("Adjustment", null, "AWS Marketplace", null, 5m),
        }, "nothing is counted as usage that is not, and a record type never seen before is kept");
        var charges = _aws.Server.LogEntries.Single(e => AwsStub.ByRecordType(e.RequestMessage.Body)).RequestMessage.Body!;
        charges.Should().Contain("\"Not\":{\"Dimensions\":{\"Key\":\"RECORD_TYPE\",\"Values\":[\"Usage\",\"DiscountedUsage\",\"SavingsPlanCoveredUsage\",\"SavingsPlanNegation\"]}}");
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_within_the_budget_with_a_clear_error()
    {
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).RespondWith(AwsStub.Json("""{"__type":"InternalFailure","message":"boom"}""", 500));

        var act = () => Connector(o => { o.LinkedAccounts = ["1"]; o.RetryBudget = TimeSpan.FromSeconds(1); }).PullAsync(From, To, new ProviderCallMeter());

        (await act.Should().ThrowAsync<ProviderUnavailableException>()).Which.Message.Should().Contain("HTTP 500 InternalFailure after the retry budget");
    }

    [Fact]
    public async Task Data_unavailable_is_reported_as_such_not_as_empty_costs()
    {
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).RespondWith(AwsStub.Json("""{"__type":"DataUnavailableException","Message":"Data is not available."}""", 400));

        var act = () => Connector(o => o.LinkedAccounts = ["1"]).PullAsync(From, To, new ProviderCallMeter());

        (await act.Should().ThrowAsync<ProviderUnavailableException>()).Which.Message.Should().Contain("Enable Cost Explorer");
    }

    [Fact]
    public async Task A_truncated_body_is_a_bad_response()
    {
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).RespondWith(AwsStub.Json("""{ "ResultsByTime": [ { "TimePeriod": {"Start":"2025-06"""));

        var act = () => Connector(o => o.LinkedAccounts = ["1"]).PullAsync(From, To, new ProviderCallMeter());

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).Which.Message.Should().Contain("malformed or truncated");
    }

    [Fact]
    public async Task A_non_numeric_amount_names_the_service_and_day()
    {
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).RespondWith(AwsStub.Json(AwsStub.CostPage("2025-06-06", false, null, ("Amazon EC2", "us-east-1", "lots", "1"))));

        var act = () => Connector(o => o.LinkedAccounts = ["1"]).PullAsync(From, To, new ProviderCallMeter());

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).Which.Message.Should().Contain("Amazon EC2 on 2025-06-06: UnblendedCost amount 'lots'");
    }

    [Fact]
    public async Task Bad_credentials_are_unauthorized_not_retried()
    {
        _aws.Server.Given(_aws.Ce("GetCostAndUsage")).RespondWith(AwsStub.Json("""{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}""", 400));

        var act = () => Connector(o => o.LinkedAccounts = ["1"]).PullAsync(From, To, new ProviderCallMeter());

        await act.Should().ThrowAsync<ProviderUnauthorizedException>();
        _aws.Server.LogEntries.Should().ContainSingle();
    }

    public void Dispose() => _aws.Dispose();
}
