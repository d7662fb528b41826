using Pipeline.Connectors.Aws;
using Pipeline.Core.Capacity;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Pipeline.Testing;

namespace Pipeline.Connectors.Tests.Aws;

/// <summary>Service Quotas (JSON 1.1) and EC2 DescribeCapacityReservations (Query protocol, XML) against stubs, converted to GPUs.</summary>
public sealed class AwsCapacityConnectorTests : IDisposable
{
    private readonly AwsStub _aws = new();

    [Fact]
    public async Task Gpu_quotas_and_capacity_blocks_become_capacity_rows_in_gpus()
    {
        _aws.Server.Given(Request.Create().WithPath("/quotas/us-east-1/").UsingPost().WithHeader("X-Amz-Target", "ServiceQuotasV20190624.GetServiceQuota")
                .WithHeader("Authorization", new RegexMatcher(AwsStub.Authorization)).WithBody(new JsonPartialMatcher("""{ "QuotaCode": "L-417A185B" }""")))
            .RespondWith(AwsStub.Json("""
                { "Quota": { "ServiceCode": "ec2", "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:ec2/L-417A185B", "QuotaCode": "L-417A185B",
                  "QuotaName": "Running On-Demand P instances", "Value": 1536.0, "Unit": "None", "Adjustable": true,
                  "UsageMetric": { "MetricNamespace": "AWS/Usage", "MetricName": "ResourceCount", "MetricDimensions": { "Class": "P/OnDemand", "Resource": "vCPU", "Service": "EC2", "Type": "Resource" } } } }
                """));
        _aws.Server.Given(Request.Create().WithPath("/quotas/us-east-1/").UsingPost().WithHeader("X-Amz-Target", "ServiceQuotasV20190624.GetServiceQuota")
                .WithBody(new JsonPartialMatcher("""{ "QuotaCode": "L-2C3B7624" }""")))
            .RespondWith(AwsStub.Json("""{"__type":"NoSuchResourceException","Message":"The request failed because the specified service quota does not exist."}""", 400));
        _aws.Server.Given(Request.Create().WithPath("/quotas/us-east-1/").UsingPost().WithHeader("X-Amz-Target", "ServiceQuotasV20190624.GetAWSDefaultServiceQuota"))
            .RespondWith(AwsStub.Json("""
                { "Quota": { "ServiceCode": "ec2", "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:ec2/L-2C3B7624", "QuotaCode": "L-2C3B7624", "QuotaName": "Running On-Demand Trn instances", "Value": 384.0 } }
                """));
        _aws.Server.Given(Request.Create().WithPath("/ec2/us-east-1/").UsingPost().WithBody(new RegexMatcher("Action=DescribeCapacityReservations"))
                .WithHeader("Authorization", new RegexMatcher(AwsStub.Authorization)))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml;charset=UTF-8").WithBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeCapacityReservationsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
                  <capacityReservationSet>
                    <item>
                      <capacityReservationId>cr-0a1b2c3d4e5f6a7b8</capacityReservationId>
                      <ownerId>123456789012</ownerId>
                      <instanceType>p5.48xlarge</instanceType>
                      <instancePlatform>Linux/UNIX</instancePlatform>
                      <availabilityZone>us-east-1a</availabilityZone>
                      <tenancy>default</tenancy>
                      <totalInstanceCount>4</totalInstanceCount>
                      <availableInstanceCount>1</availableInstanceCount>
                      <state>active</state>
                      <startDate>2025-06-02T11:30:00.000Z</startDate>
                      <endDate>2025-06-09T11:30:00.000Z</endDate>
                      <endDateType>limited</endDateType>
                      <instanceMatchCriteria>targeted</instanceMatchCriteria>
                      <reservationType>capacity-block</reservationType>
                      <capacityBlockId>cb-0123456789abcdef0</capacityBlockId>
                    </item>
                    <item>
                      <capacityReservationId>cr-expired</capacityReservationId>
                      <ownerId>123456789012</ownerId>
                      <instanceType>p4d.24xlarge</instanceType>
                      <availabilityZone>us-east-1b</availabilityZone>
                      <totalInstanceCount>2</totalInstanceCount>
                      <availableInstanceCount>2</availableInstanceCount>
                      <state>expired</state>
                    </item>
                  </capacityReservationSet>
                </DescribeCapacityReservationsResponse>
                """));
        var connector = _aws.Service<AwsCapacityConnector>(o => o.QuotaCodes = ["L-417A185B", "L-2C3B7624"]);

        var observations = await connector.PullAsync();
        var normalizer = new CapacityNormalizer(AcceleratorCatalog.Default);
        var records = observations.Select(o => normalizer.Normalize(o, TestClock.Now)).ToList();

        records.Should().HaveCount(3, "two quotas and the active capacity block; the expired reservation is skipped");
        records.Single(r => r.Family == "L-417A185B").Should().Match<CapacityRecord>(r => r.GpusLimit == 64m && r.SubAccountId == "123456789012" && r.Used == null);
        records.Single(r => r.Family == "L-2C3B7624").GpusLimit.Should().Be(32m, "the default quota value was used");
        var block = records.Single(r => r.Kind == CapacityKind.CapacityBlock);
        (block.ResourceId, block.Limit, block.Used, block.GpusLimit, block.GpusAvailable, block.AcceleratorModel).Should().Be(("cr-0a1b2c3d4e5f6a7b8", 4m, 3m, 32m, 8m, "H100"));
        block.End.Should().Be(new DateTimeOffset(2025, 6, 9, 11, 30, 0, TimeSpan.Zero));
    }

    public void Dispose() => _aws.Dispose();
}
