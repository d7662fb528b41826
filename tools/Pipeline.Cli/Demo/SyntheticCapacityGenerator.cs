using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Cli.Demo;

/// <summary>
/// Writes a capacity snapshot folder for the demo's Google Cloud and Oracle capacity: each file is a response body in
/// its API's real shape (GCE regions.get and reservations.aggregatedList, OCI GetResourceAvailability), shaped to show
/// headroom and a delivery that is behind. AWS and Azure capacity come from their simulators through the real connectors.
/// </summary>
internal static class SyntheticCapacityGenerator
{
    public const string GcpProject = "ai-training-prod";
    public const string OciTenancy = "ocid1.tenancy.oc1..aaaaaaaaexampletenancy";

    public static IReadOnlyList<string> Write(string folder, DateTimeOffset now)
    {
        JsonObject Availability(string limit, string ad, int used, int available) => new()
        {
            ["limitName"] = limit, ["region"] = "us-ashburn-1", ["availabilityDomain"] = ad,
            ["availability"] = new JsonObject { ["used"] = used, ["available"] = available, ["fractionalUsage"] = (double)used, ["fractionalAvailability"] = (double)available },
        };

        var files = new Dictionary<string, JsonNode>
        {
            [$"gcp/region__{GcpProject}__us-central1.json"] = new JsonObject
            {
                ["kind"] = "compute#region", ["name"] = "us-central1", ["status"] = "UP",
                ["quotas"] = new JsonArray(
                    new JsonObject { ["metric"] = "CPUS", ["limit"] = 2400, ["usage"] = 624 },
                    new JsonObject { ["metric"] = "NVIDIA_H100_GPUS", ["limit"] = 256, ["usage"] = 192 },
                    new JsonObject { ["metric"] = "PREEMPTIBLE_NVIDIA_H100_GPUS", ["limit"] = 64, ["usage"] = 0 },
                    new JsonObject { ["metric"] = "COMMITTED_NVIDIA_H100_GPUS", ["limit"] = 128, ["usage"] = 96 },
                    new JsonObject { ["metric"] = "NVIDIA_H200_GPUS", ["limit"] = 64, ["usage"] = 16 },
                    new JsonObject { ["metric"] = "LOCAL_SSD_TOTAL_GB", ["limit"] = 9.223372036854776e18, ["usage"] = 0 }),
            },
            [$"gcp/reservations__{GcpProject}.json"] = new JsonObject
            {
                ["kind"] = "compute#reservationAggregatedList", ["id"] = $"projects/{GcpProject}/aggregated/reservations",
                ["items"] = new JsonObject
                {
                    ["zones/us-central1-a"] = new JsonObject
                    {
                        ["reservations"] = new JsonArray(new JsonObject
                        {
                            ["kind"] = "compute#reservation", ["name"] = "h100-res-a", ["status"] = "READY",
                            ["zone"] = $"https://www.googleapis.com/compute/v1/projects/{GcpProject}/zones/us-central1-a",
                            ["specificReservation"] = new JsonObject
                            {
                                ["count"] = "8", ["inUseCount"] = "8",
                                ["instanceProperties"] = new JsonObject { ["machineType"] = "a3-highgpu-8g" },
                            },
                        }),
                    },
                    ["zones/europe-west4-b"] = new JsonObject { ["warning"] = new JsonObject { ["code"] = "NO_RESULTS_ON_PAGE", ["message"] = "There are no results for scope 'zones/europe-west4-b' on this page." } },
                },
            },
            [$"oci/availability__{OciTenancy}.json"] = new JsonArray(
                Availability("gpu-h100-count", "Uocm:US-ASHBURN-AD-1", 128, 64),
                Availability("gpu-h100-count", "Uocm:US-ASHBURN-AD-2", 64, 0),
                Availability("gpu-b200-count", "Uocm:US-ASHBURN-AD-1", 0, 32)),
        };

        var written = new List<string>();
        foreach (var (name, json) in files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            written.Add(path);
        }

        return written;
    }
}
