using System.Text.Json;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Gcp;
using Pipeline.Connectors.Oci;
using Pipeline.Core.Capacity;
using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Capacity;

/// <summary>
/// A folder of saved provider API responses (what the demo generates, and what an operator can capture for a
/// backfill), read through the same parsers the live connectors use. File names carry what the response itself
/// does not (<c>__</c> separates the parts):
/// <list type="bullet">
/// <item><c>aws/servicequotas__*.json</c>: ListServiceQuotas; <c>aws/capacity-reservations__*.json</c>: DescribeCapacityReservations</item>
/// <item><c>azure/usages__{subscriptionId}__{location}.json</c>; <c>azure/capacity-reservations__*.json</c></item>
/// <item><c>gcp/region__{project}__{region}.json</c>: regions.get; <c>gcp/reservations__{project}.json</c>: reservations.aggregatedList</item>
/// <item><c>oci/availability__{tenancyId}.json</c>: <c>[{limitName, region, availabilityDomain, availability}]</c></item>
/// </list>
/// </summary>
public static class CapacitySnapshotFolder
{
    public static List<CapacityObservation> Read(string folder, AcceleratorCatalog catalog, SourceErrorLog errors)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No capacity snapshot folder at '{Path.GetFullPath(folder)}'.");
        }

        var observations = new List<CapacityObservation>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                observations.AddRange(ReadOne(file, document.RootElement, catalog));
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or FormatException)
            {
                errors.Add(file, null, null, $"cannot be read: {ex.Message}");
            }
        }

        return observations;
    }

    private static IEnumerable<CapacityObservation> ReadOne(string file, JsonElement root, AcceleratorCatalog catalog)
    {
        var provider = Path.GetFileName(Path.GetDirectoryName(file))!.ToLowerInvariant();
        var parts = Path.GetFileNameWithoutExtension(file).Split("__");
        return (provider, parts[0]) switch
        {
            ("aws", "servicequotas") => AwsCapacityParser.ParseServiceQuotas(root).ToList(),
            ("aws", "capacity-reservations") => AwsCapacityParser.ParseCapacityReservations(root).ToList(),
            ("azure", "usages") when parts.Length == 3 => AzureCapacityParser.ParseUsages(root, parts[1], parts[2], catalog).ToList(),
            ("azure", "capacity-reservations") => AzureCapacityParser.ParseCapacityReservations(root).ToList(),
            ("gcp", "region") when parts.Length == 3 => GcpCapacityParser.ParseRegion(root, parts[1]).ToList(),
            ("gcp", "reservations") when parts.Length == 2 => GcpCapacityParser.ParseReservations(root, parts[1]).ToList(),
            ("oci", "availability") when parts.Length == 2 => root.EnumerateArray().Select(item => OciCapacityParser.Parse(
                item.Property("availability") ?? throw new InvalidDataException("OCI availability item: 'availability' is missing"), parts[1],
                item.RequiredString("region", "OCI availability item"), item.RequiredString("availabilityDomain", "OCI availability item"),
                item.RequiredString("limitName", "OCI availability item"))).ToList(),
            _ => throw new InvalidDataException($"unrecognized capacity snapshot name '{Path.GetFileName(file)}' (see CapacitySnapshotFolder for the conventions)"),
        };
    }
}
