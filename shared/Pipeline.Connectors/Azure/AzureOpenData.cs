using System.Collections.Frozen;
using System.Reflection;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// The FinOps toolkit's open data (MIT): Cost Management service names to FOCUS ServiceCategory (Services.csv) and
/// every spelling of an Azure location to its RegionId / RegionName (Regions.csv: "East US", "eastus", "US East", ...).
/// </summary>
internal static class AzureOpenData
{
    private static readonly Lazy<FrozenDictionary<string, string>> s_categories = new(() => Load("Services.csv")
        .Where(f => f.Length >= 4 && f[2].Length > 0)
        .GroupBy(f => f[2], StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.First()[3], StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<FrozenDictionary<string, (string Id, string Name)>> s_regions = new(() => Load("Regions.csv")
        .Where(f => f.Length >= 3)
        .GroupBy(f => f[0], StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => (g.First()[1], g.First()[2]), StringComparer.OrdinalIgnoreCase));

    public static string ServiceCategory(string serviceName) => s_categories.Value.GetValueOrDefault(serviceName.Trim(), "Other");

    /// <summary>The canonical region for a location spelling; unknown spellings are kept lower-cased, "global"/"unassigned" become null.</summary>
    public static (string? Id, string? Name) Region(string? location)
    {
        if (string.IsNullOrWhiteSpace(location) || location.Equals("unassigned", StringComparison.OrdinalIgnoreCase) || location.Equals("global", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        return s_regions.Value.TryGetValue(location.Trim(), out var region) ? (region.Id, region.Name) : (location.Trim().ToLowerInvariant(), null);
    }

    private static IEnumerable<string[]> Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Pipeline.Connectors.Azure.{name}")
            ?? throw new InvalidOperationException($"The embedded {name} is missing.");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            rows.Add(Split(line));
        }

        return rows;
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
