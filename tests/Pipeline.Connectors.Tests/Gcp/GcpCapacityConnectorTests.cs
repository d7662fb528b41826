using Pipeline.Core.Capacity;

namespace Pipeline.Connectors.Tests.Gcp;

/// <summary>Compute Engine regions.get quotas and aggregated reservations through the Google client.</summary>
public sealed class GcpCapacityConnectorTests : IDisposable
{
    private readonly GcpStub _gcp = new();

    [Fact]
    public async Task Gpu_quotas_including_unknown_metrics_and_reservations_across_zones_and_pages_are_read()
    {
        _gcp.Server.Given(_gcp.Get("/compute/v1/projects/ai-training-prod/regions/us-central1")).RespondWith(GcpStub.Json("""
            { "kind": "compute#region", "name": "us-central1", "status": "UP",
              "quotas": [ { "metric": "CPUS", "limit": 2400, "usage": 624 }, { "metric": "NVIDIA_H100_GPUS", "limit": 64, "usage": 48 },
                          { "metric": "NVIDIA_B300_GPUS", "limit": 16, "usage": 0 }, { "metric": "GPUS_ALL_REGIONS", "limit": 9.223372036854776e+18, "usage": 8 },
                          { "metric": "LOCAL_SSD_TOTAL_GB", "limit": 9.223372036854776e+18, "usage": 0 } ] }
            """));
        _gcp.Server.Given(_gcp.Get("/compute/v1/projects/ai-training-prod/aggregated/reservations")).AtPriority(5).RespondWith(GcpStub.Json("""
            { "kind": "compute#reservationAggregatedList", "items": {
                "zones/us-central1-a": { "reservations": [ { "kind": "compute#reservation", "name": "h100-res-a", "status": "READY",
                  "specificReservation": { "count": "4", "inUseCount": "3", "instanceProperties": { "machineType": "a3-highgpu-8g" } } } ] },
                "zones/europe-west4-b": { "warning": { "code": "NO_RESULTS_ON_PAGE", "message": "There are no results for scope 'zones/europe-west4-b' on this page." } } },
              "nextPageToken": "p2" }
            """));
        _gcp.Server.Given(_gcp.Get("/compute/v1/projects/ai-training-prod/aggregated/reservations").WithParam("pageToken", "p2")).AtPriority(1).RespondWith(GcpStub.Json("""
            { "kind": "compute#reservationAggregatedList", "items": {
                "zones/us-east4-c": { "reservations": [ { "name": "h200-res-c", "specificReservation": { "count": "2", "inUseCount": "0", "instanceProperties": { "machineType": "a3-ultragpu-8g" } } } ] } } }
            """));

        var observations = await _gcp.Capacity(o => { o.Projects = ["ai-training-prod"]; o.Regions = ["us-central1"]; }).PullAsync();

        observations.Where(o => o.Kind == CapacityKind.Quota).Select(o => (o.Family, o.Limit, o.Used))
            .Should().Equal(("NVIDIA_H100_GPUS", 64m, (decimal?)48m), ("NVIDIA_B300_GPUS", 16m, (decimal?)0m));
        observations.Where(o => o.Kind == CapacityKind.Reservation).Select(o => (o.RegionId, o.Family, o.Limit, o.Used))
            .Should().Equal(("us-central1", "a3-highgpu-8g", 4m, (decimal?)3m), ("us-east4", "a3-ultragpu-8g", 2m, (decimal?)0m));
    }

    public void Dispose() => _gcp.Dispose();
}
