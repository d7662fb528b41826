using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Cli.Demo;

/// <summary>
/// Writes a capacity snapshot folder for the demo's Azure, Google Cloud and Oracle capacity: each file is a response
/// body in its API's real shape (Compute usages, capacity reservations, GCE regions.get and reservations.aggregatedList,
/// OCI GetResourceAvailability), shaped to show headroom, a nearly exhausted quota, an unknown GPU family and a delivery
/// that is behind. AWS capacity comes from the AWS simulator through the real connector.
/// </summary>
internal static class SyntheticCapacityGenerator
{
    public const string AzureSubscription = "00000000-0000-0000-0000-000000000001";
    public const string GcpProject = "ai-training-prod";
    public const string OciTenancy = "ocid1.tenancy.oc1..aaaaaaaaexampletenancy";

    public static IReadOnlyList<string> Write(string folder, DateTimeOffset now)
    {
        JsonObject Usage(string family, string localized, int current, int limit) => new()
        {
            ["unit"] = "Count", ["currentValue"] = current, ["limit"] = limit, ["name"] = new JsonObject { ["value"] = family, ["localizedValue"] = localized },
        };
        JsonObject Availability(string limit, string ad, int used, int available) => new()
        {
            ["limitName"] = limit, ["region"] = "us-ashburn-1", ["availabilityDomain"] = ad,
            ["availability"] = new JsonObject { ["used"] = used, ["available"] = available, ["fractionalUsage"] = (double)used, ["fractionalAvailability"] = (double)available },
        };

        var files = new Dictionary<string, JsonNode>
        {
            [$"azure/usages__{AzureSubscription}__eastus2.json"] = new JsonObject
            {
                ["value"] = new JsonArray(
                    Usage("standardNDSH100v5Family", "Standard NDSH100v5 Family vCPUs", 2976, 3072),
                    Usage("standardNDISRH200V5Family", "Standard NDISRH200V5 Family vCPUs", 384, 768),
                    Usage("StandardNDGB300v6Family", "Standard NDGB300v6 Family vCPUs", 0, 512),
                    Usage("lowPriorityCores", "Total Regional Low-priority vCPUs", 0, 1000),
                    Usage("standardDSv5Family", "Standard DSv5 Family vCPUs", 8, 100)),
            },
            [$"azure/usages__{AzureSubscription}__swedencentral.json"] = new JsonObject
            {
                ["value"] = new JsonArray(Usage("standardNDSH100v5Family", "Standard NDSH100v5 Family vCPUs", 768, 1536)),
            },
            [$"azure/capacity-reservations__{AzureSubscription}.json"] = new JsonObject
            {
                ["value"] = new JsonArray(new JsonObject
                {
                    ["name"] = "cr-nd-h100", ["location"] = "eastus2",
                    ["id"] = $"/subscriptions/{AzureSubscription}/resourceGroups/rg-ai/providers/Microsoft.Compute/capacityReservationGroups/crg-h100/capacityReservations/cr-nd-h100",
                    ["sku"] = new JsonObject { ["name"] = "Standard_ND96isr_H100_v5", ["capacity"] = 8 },
                    ["properties"] = new JsonObject { ["instanceView"] = new JsonObject { ["utilizationInfo"] = new JsonObject { ["currentCapacity"] = 6 } } },
                }),
            },
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
