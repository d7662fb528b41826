using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Capacity;

/// <summary>Reads one saved response of a provider's snapshot subfolder: its kind and the file-name arguments after it.</summary>
public delegate IEnumerable<CapacityObservation>? CapacitySnapshotReader(string kind, IReadOnlyList<string> args, JsonElement root, AcceleratorCatalog catalog);

/// <summary>
/// A folder of saved provider API responses (what an operator can capture for a backfill), read through the same
/// parsers the live connectors use: one subfolder per provider, named by its key, each file
/// <c>{kind}__{arg}__....json</c> because file names carry what the response itself does not. The kinds are each
/// provider's (<c>ReadSnapshot</c> of its module; documented in docs/capacity.md):
/// <c>aws/servicequotas__*.json</c>, <c>aws/capacity-reservations__*.json</c>, <c>azure/usages__{subscriptionId}__{location}.json</c>,
/// <c>azure/capacity-reservations__*.json</c>, <c>gcp/region__{project}__{region}.json</c>, <c>gcp/reservations__{project}.json</c>,
/// <c>oci/availability__{tenancyId}.json</c>.
/// </summary>
public static class CapacitySnapshotFolder
{
    public static List<CapacityObservation> Read(string folder, AcceleratorCatalog catalog, IReadOnlyDictionary<string, CapacitySnapshotReader> readers, SourceErrorLog errors)
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
                observations.AddRange(ReadOne(file, document.RootElement, catalog, readers));
            }
            catch (Exception ex) when (ex is JsonException or Pipeline.Http.ConnectorException or InvalidDataException or FormatException)
            {
                errors.Add(file, null, null, $"cannot be read: {ex.Message}");
            }
        }

        return observations;
    }

    private static IEnumerable<CapacityObservation> ReadOne(string file, JsonElement root, AcceleratorCatalog catalog, IReadOnlyDictionary<string, CapacitySnapshotReader> readers)
    {
        var provider = Path.GetFileName(Path.GetDirectoryName(file))!.ToLowerInvariant();
        var parts = Path.GetFileNameWithoutExtension(file).Split("__");
        return (readers.TryGetValue(provider, out var reader) ? reader(parts[0], parts[1..], root, catalog)?.ToList() : null)
            ?? throw new InvalidDataException($"unrecognized capacity snapshot name '{provider}/{Path.GetFileName(file)}' (see docs/capacity.md for the conventions)");
    }
}
