using Pipeline.Http;
using System.Text.Json;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Capacity;
using Pipeline.Connectors.Gcp;
using Pipeline.Connectors.Oci;
using Pipeline.Core.Capacity;
using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Tests.Capacity;

/// <summary>The capacity parsers against response bodies in each API's documented shape.</summary>
public class CapacityParserTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Azure_usages_keep_gpu_families_with_their_odd_spellings_and_drop_the_rest()
    {
        var usages = Json("""
            { "value": [
              { "unit": "Count", "currentValue": 192, "limit": 384, "name": { "value": "standardNDSH100v5Family", "localizedValue": "Standard NDSH100v5 Family vCPUs" } },
              { "unit": "Count", "currentValue": 96, "limit": 192, "name": { "value": "Standard NDASv4_A100 Family", "localizedValue": "Standard NDASv4_A100 Family vCPUs" } },
              { "unit": "Count", "currentValue": 0, "limit": 0, "name": { "value": "standardNDISRH200V5Family", "localizedValue": "Standard NDISRH200V5 Family vCPUs" } },
              { "unit": "Count", "currentValue": 0, "limit": 96, "name": { "value": "StandardNDFutureV9Family", "localizedValue": "?" } },
              { "unit": "Count", "currentValue": 8, "limit": 100, "name": { "value": "standardDSv5Family", "localizedValue": "Standard DSv5 Family vCPUs" } },
              { "unit": "Count", "currentValue": 40, "limit": 200, "name": { "value": "lowPriorityCores", "localizedValue": "Total Regional Low-priority vCPUs" } } ] }
            """);

        var observations = AzureCapacityParser.ParseUsages(usages, "sub-1", "eastus2", AcceleratorCatalog.Default).ToList();

        observations.Select(o => o.Family).Should().Equal(["standardNDSH100v5Family", "Standard NDASv4_A100 Family", "standardNDISRH200V5Family", "StandardNDFutureV9Family", "lowPriorityCores"],
            "GPU-looking families and every family the catalog knows (the spot bucket too) are kept; CPU families are not");
        observations[1].Should().Be(new CapacityObservation("Microsoft", "sub-1", "eastus2", CapacityKind.Quota, "Standard NDASv4_A100 Family", 192, 96));
    }

    /// <summary>Microsoft's published CapacityReservation_Get example (tests/Fixtures/azure-rest-api-specs, MIT) as the list item it is.</summary>
    private static JsonElement PublishedReservation(string? gpuSize = null, int? currentCapacity = null)
    {
        var example = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "azure-rest-api-specs", "CapacityReservation_Get.json")))!;
        var body = example["responses"]!["200"]!["body"]!;
        if (gpuSize is not null)
        {
            body["sku"]!["name"] = gpuSize;
        }

        if (currentCapacity is { } granted)
        {
            body["properties"]!["instanceView"]!["utilizationInfo"]!["currentCapacity"] = granted;
        }

        return Json($$"""{ "value": [ {{body.ToJsonString()}} ] }""");
    }

    [Fact]
    public void The_published_example_of_a_cpu_size_is_not_gpu_capacity()
    {
        AzureCapacityParser.ParseCapacityReservations(PublishedReservation()).Should().BeEmpty("Standard_DS1_v2 carries no GPU");
    }

    [Fact]
    public void Used_is_the_allocated_vms_and_current_capacity_is_what_azure_granted()
    {
        // The example as a GPU size: 4 reserved, 5 granted (currentCapacity), 2 VMs allocated, 3 associated.
        var o = AzureCapacityParser.ParseCapacityReservations(PublishedReservation("Standard_ND96isr_H100_v5")).Single();

        (o.Kind, o.Family, o.RegionId, o.Limit, o.Used, o.Granted, o.State).Should().Be((CapacityKind.Reservation, "Standard_ND96isr_H100_v5", "westus", 4m, 2m, 5m, "Succeeded"),
            "currentCapacity is the capacity reserved and billed, not what runs on it (used 5 of 4 before)");
        new CapacityNormalizer(AcceleratorCatalog.Default).Normalize(o, DateTimeOffset.UnixEpoch).Should().Match<CapacityRecord>(r => r.GpusUsed == 16 && r.GpusAvailable == 16 && r.Shortfall == 0);
    }

    [Fact]
    public void A_reservation_granted_below_what_was_reserved_is_short()
    {
        var o = AzureCapacityParser.ParseCapacityReservations(PublishedReservation("Standard_ND96isr_H100_v5", currentCapacity: 3)).Single();

        var record = new CapacityNormalizer(AcceleratorCatalog.Default).Normalize(o, DateTimeOffset.UnixEpoch);

        (record.Granted, record.Shortfall).Should().Be((3m, 1m));
    }

    [Fact]
    public void A_reservation_without_an_instance_view_has_unknown_use_not_zero()
    {
        var body = Json("""
            { "value": [ { "name": "r1", "location": "westus", "id": "/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Compute/capacityReservationGroups/g/capacityReservations/r1",
              "sku": { "name": "Standard_ND96isr_H100_v5", "capacity": 4 }, "properties": { "provisioningState": "Updating" } } ] }
            """);

        var o = AzureCapacityParser.ParseCapacityReservations(body).Single();

        (o.SubAccountId, o.Limit, o.Used, o.Granted, o.State).Should().Be(("abc", 4m, (decimal?)null, (decimal?)null, "Updating"));
    }

    [Fact]
    public void A_default_quota_of_get_aws_default_service_quota_carries_the_account_the_call_was_made_for()
    {
        // GetAWSDefaultServiceQuota's published response shape: the ARN's account field is empty.
        var response = Json("""
            { "Quota": { "ServiceCode": "ec2", "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)", "QuotaArn": "arn:aws:servicequotas:us-east-2::ec2/L-1216C47A",
                         "QuotaCode": "L-1216C47A", "QuotaName": "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", "Value": 5.0, "Unit": "None",
                         "Adjustable": true, "GlobalQuota": false } }
            """);

        var quota = AwsCapacityParser.ParseServiceQuotas(response, "111122223333").Single();

        (quota.SubAccountId, quota.RegionId, quota.Family, quota.Limit).Should().Be(("111122223333", "us-east-2", "L-1216C47A", 5m), "never an empty account");
    }

    [Fact]
    public void A_capacity_block_bought_but_not_yet_paid_is_kept_with_its_state()
    {
        var reservations = Json("""
            { "CapacityReservations": [
              { "CapacityReservationId": "cr-0a1b2c3d", "OwnerId": "111122223333", "InstanceType": "p5.48xlarge", "AvailabilityZone": "us-east-1a", "TotalInstanceCount": 2,
                "AvailableInstanceCount": 2, "State": "payment-pending", "StartDate": "2025-06-10T11:30:00.000Z", "EndDate": "2025-06-24T11:30:00.000Z", "ReservationType": "capacity-block" },
              { "CapacityReservationId": "cr-9", "OwnerId": "111122223333", "InstanceType": "p5.48xlarge", "AvailabilityZone": "us-east-1a", "TotalInstanceCount": 2,
                "AvailableInstanceCount": 2, "State": "payment-failed", "ReservationType": "capacity-block" } ] }
            """);

        var block = AwsCapacityParser.ParseCapacityReservations(reservations).Single();

        (block.ResourceId, block.Kind, block.State, block.Limit, block.Used).Should().Be(("cr-0a1b2c3d", CapacityKind.CapacityBlock, "payment-pending", 2m, (decimal?)0m));
    }

    [Theory]
    [InlineData("arn:aws:iam::444455556666:role/FinOpsPipeline", "111122223333", "444455556666")]
    [InlineData(null, "111122223333", "111122223333")]
    public void The_caller_account_is_the_roles_else_the_payers(string? roleArn, string payer, string expected) =>
        new AwsOptions { RoleArn = roleArn, PayerAccountId = payer }.CallerAccount.Should().Be(expected);

    [Fact]
    public void Gce_region_quotas_keep_gpu_metrics_including_unknown_ones_and_skip_unlimited()
    {
        var region = Json("""
            { "kind": "compute#region", "name": "us-central1", "quotas": [
              { "metric": "CPUS", "limit": 2400, "usage": 624 },
              { "metric": "NVIDIA_H100_GPUS", "limit": 64, "usage": 48 },
              { "metric": "NVIDIA_X900_GPUS", "limit": 8, "usage": 0 },
              { "metric": "GPUS_ALL_REGIONS", "limit": 9.223372036854776e+18, "usage": 0 } ] }
            """);

        var observations = GcpCapacityParser.ParseRegion(region, "proj").ToList();

        observations.Select(o => (o.Family, o.Limit, o.Used)).Should().Equal(("NVIDIA_H100_GPUS", 64m, 48m), ("NVIDIA_X900_GPUS", 8m, 0m));
    }

    [Fact]
    public void Gce_reservations_span_zones_with_int64_strings_and_empty_scopes()
    {
        var body = Json("""
            { "kind": "compute#reservationAggregatedList", "items": {
              "zones/us-central1-a": { "reservations": [ { "name": "h100-res-a", "specificReservation": { "count": "8", "inUseCount": "6", "instanceProperties": { "machineType": "a3-highgpu-8g" } } } ] },
              "zones/europe-west4-b": { "reservations": [ { "name": "h200", "specificReservation": { "count": "2", "inUseCount": "0", "instanceProperties": { "machineType": "a3-ultragpu-8g" } } } ] },
              "zones/asia-east1-c": { "warning": { "code": "NO_RESULTS_ON_PAGE", "message": "none" } } } }
            """);

        var observations = GcpCapacityParser.ParseReservations(body, "proj").ToList();

        observations.Select(o => (o.RegionId, o.Family, o.Limit, o.Used, o.ResourceId)).Should().Equal(
            ("us-central1", "a3-highgpu-8g", 8m, 6m, "h100-res-a"), ("europe-west4", "a3-ultragpu-8g", 2m, 0m, "h200"));
    }

    [Fact]
    public void Aws_quotas_take_account_and_region_from_the_arn_and_reservations_mark_capacity_blocks()
    {
        var quotas = Json("""
            { "Quotas": [ { "ServiceCode": "ec2", "QuotaArn": "arn:aws:servicequotas:us-west-2:111122223333:ec2/L-417A185B", "QuotaCode": "L-417A185B",
                            "QuotaName": "Running On-Demand P instances", "Value": 384.0, "Unit": "None" } ] }
            """);
        var reservations = Json("""
            { "CapacityReservations": [
              { "CapacityReservationId": "cr-1", "OwnerId": "111122223333", "InstanceType": "p5.48xlarge", "AvailabilityZone": "us-east-2a", "TotalInstanceCount": 4,
                "AvailableInstanceCount": 1, "State": "active", "StartDate": "2025-06-02T11:30:00.000Z", "EndDate": "2025-06-09T11:30:00.000Z", "ReservationType": "capacity-block" },
              { "CapacityReservationId": "cr-2", "OwnerId": "111122223333", "InstanceType": "g6e.48xlarge", "AvailabilityZone": "us-east-2b", "TotalInstanceCount": 2,
                "AvailableInstanceCount": 2, "State": "expired" } ] }
            """);

        AwsCapacityParser.ParseServiceQuotas(quotas, "999999999999").Single().Should().Be(new CapacityObservation("AWS", "111122223333", "us-west-2", CapacityKind.Quota, "L-417A185B", 384m, null));
        var block = AwsCapacityParser.ParseCapacityReservations(reservations).Single();
        (block.RegionId, block.Kind, block.Limit, block.Used, block.End).Should().Be(("us-east-2", CapacityKind.CapacityBlock, 4m, 3m, new DateTimeOffset(2025, 6, 9, 11, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Oci_availability_is_used_plus_available_gpus()
    {
        var o = OciCapacityParser.Parse(Json("""{ "used": 24, "available": 8, "fractionalUsage": 24.0, "fractionalAvailability": 8.0 }"""), "t", "us-phoenix-1", "Uocm:PHX-AD-1", "gpu-h100-count");

        (o.Limit, o.Used, o.ResourceId, o.Family).Should().Be((32m, 24m, "Uocm:PHX-AD-1", "gpu-h100-count"));
    }

    [Theory]
    [InlineData("""{ "value": [ { "unit": "Count", "currentValue": 1, "limit": "lots", "name": { "value": "standardNDSH100v5Family" } } ] }""")]
    [InlineData("""{ "value": [ { "unit": "Count", "currentValue": 1, "limit": 2 } ] }""")]
    public void Malformed_azure_usages_are_clear_errors(string body) =>
        FluentActions.Invoking(() => AzureCapacityParser.ParseUsages(Json(body), "s", "l", AcceleratorCatalog.Default).ToList()).Should().Throw<Pipeline.Http.ProviderBadResponseException>().WithMessage("Azure: *");

    [Fact]
    public void A_snapshot_folder_lists_every_unreadable_file()
    {
        var folder = Directory.CreateTempSubdirectory("capacity-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "gcp"));
            Directory.CreateDirectory(Path.Combine(folder, "azure"));
            File.WriteAllText(Path.Combine(folder, "gcp", "region__proj__us-central1.json"), "{ \"name\": \"us-central1\", \"quotas\": [ { \"metric\": \"NVIDIA_L4_GPUS\", \"limit\": 8, \"usage\": 2 } ] }");
            File.WriteAllText(Path.Combine(folder, "gcp", "region__proj__broken.json"), "{ truncated");
            File.WriteAllText(Path.Combine(folder, "azure", "mystery.json"), "{}");
            var errors = new SourceErrorLog();

            var readers = new Dictionary<string, CapacitySnapshotReader> { ["gcp"] = Pipeline.Connectors.Gcp.GcpProvider.ReadSnapshot, ["azure"] = Pipeline.Connectors.Azure.AzureProvider.ReadSnapshot };

            var observations = CapacitySnapshotFolder.Read(folder, AcceleratorCatalog.Default, readers, errors);

            observations.Should().ContainSingle();
            errors.Samples.Select(e => Path.GetFileName(e.File)).Should().BeEquivalentTo(["region__proj__broken.json", "mystery.json"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
