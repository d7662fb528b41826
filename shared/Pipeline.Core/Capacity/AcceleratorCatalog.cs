using System.Reflection;

namespace Pipeline.Core.Capacity;

/// <summary>
/// The versioned accelerator catalog (Capacity/accelerator-catalog.csv, embedded): maps each provider's instance
/// types, VM sizes, quota families/metrics/codes, shapes and limit names to an accelerator model, GPUs and vCPUs per
/// instance. Names match case-insensitively; a prefixed variant the catalog declares (<c># variant: provider | prefix |
/// label [| spot]</c>) resolves to its base name. Spot capacity is a spot variant or an entry whose notes say spot.
/// A name the catalog does not know is reported by the caller, never dropped.
/// </summary>
public sealed class AcceleratorCatalog
{
    private readonly Dictionary<(string Provider, string Name), AcceleratorEntry> _byProviderAndName;

    public AcceleratorCatalog(IEnumerable<AcceleratorEntry> entries, string version, IEnumerable<NameVariant>? variants = null)
    {
        Entries = entries.ToList();
        Version = version;
        Variants = (variants ?? []).ToList();
        _byProviderAndName = new Dictionary<(string, string), AcceleratorEntry>(new ProviderNameComparer());
        foreach (var entry in Entries)
        {
            _byProviderAndName[(entry.Provider, entry.Name)] = entry;
        }
    }

    public static AcceleratorCatalog Default { get; } = LoadEmbedded();

    public IReadOnlyList<AcceleratorEntry> Entries { get; }

    public string Version { get; }

    public IReadOnlyList<NameVariant> Variants { get; }

    public AcceleratorEntry? Find(string provider, string name)
    {
        var trimmed = name.Trim();
        if (_byProviderAndName.TryGetValue((provider, trimmed), out var entry))
        {
            return entry;
        }

        if (VariantOf(provider, trimmed) is { } variant
            && _byProviderAndName.TryGetValue((provider, trimmed[variant.Prefix.Length..]), out var baseEntry))
        {
            return baseEntry with { Name = trimmed, Notes = $"{variant.Label} variant of {baseEntry.Name}" };
        }

        return null;
    }

    /// <summary>Whether a name counts spot capacity: a declared spot variant (catalogued or not) or an entry whose notes say so.</summary>
    public bool IsSpot(string provider, string name, AcceleratorEntry? entry) =>
        VariantOf(provider, name.Trim()) is { Spot: true } || (entry?.Notes.Contains("spot", StringComparison.OrdinalIgnoreCase) ?? false);

    private NameVariant? VariantOf(string provider, string name) =>
        Variants.FirstOrDefault(v => string.Equals(v.Provider, provider, StringComparison.OrdinalIgnoreCase) && name.StartsWith(v.Prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every entry, of any provider, whose name matches (for <c>./run.sh catalog NAME</c>).</summary>
    public IReadOnlyList<AcceleratorEntry> Search(string name) =>
        Entries.Select(e => e.Provider).Distinct().Select(p => Find(p, name)).OfType<AcceleratorEntry>().ToList();

    public static AcceleratorCatalog Parse(TextReader reader)
    {
        var entries = new List<AcceleratorEntry>();
        var variants = new List<NameVariant>();
        var version = "unversioned";
        var header = true;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith("# variant:", StringComparison.OrdinalIgnoreCase))
            {
                variants.Add(Variant(line["# variant:".Length..], lineNumber));
                continue;
            }

            if (line.StartsWith('#'))
            {
                if (line.Contains("version", StringComparison.OrdinalIgnoreCase) && version == "unversioned")
                {
                    version = line[(line.IndexOf("version", StringComparison.OrdinalIgnoreCase) + 7)..].Split('.', 2)[0].Trim();
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var f = SplitCsv(line);
            if (f.Count != 9)
            {
                throw new FormatException($"accelerator catalog line {lineNumber}: expected 9 fields, found {f.Count}");
            }

            entries.Add(new AcceleratorEntry(f[0], f[1], f[2], f[3], Int(f[4]), Int(f[5]), Unit(f[6], lineNumber), f[7], f[8]));
        }

        return new AcceleratorCatalog(entries, version, variants);
    }

    private static AcceleratorCatalog LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pipeline.Core.accelerator-catalog.csv")
            ?? throw new InvalidOperationException("The embedded accelerator catalog is missing from Pipeline.Core.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private static NameVariant Variant(string text, int line)
    {
        var parts = text.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length is < 3 or > 4 || parts[..3].Any(p => p.Length == 0) || (parts.Length == 4 && !parts[3].Equals("spot", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException($"accelerator catalog line {line}: a variant is '# variant: provider | prefix | label [| spot]'");
        }

        return new NameVariant(parts[0], parts[1], parts[2], parts.Length == 4);
    }

    private static int? Int(string text) => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static CapacityUnit Unit(string text, int line) => text.Trim().ToLowerInvariant() switch
    {
        "instance" => CapacityUnit.Instance,
        "vcpu" => CapacityUnit.Vcpu,
        "gpu" => CapacityUnit.Gpu,
        _ => throw new FormatException($"accelerator catalog line {line}: unit '{text}' is not instance, vCPU or GPU"),
    };

    /// <summary>Splits one CSV line; fields may be quoted with doubled quotes inside.</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
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
        return fields;
    }

    private sealed class ProviderNameComparer : IEqualityComparer<(string Provider, string Name)>
    {
        public bool Equals((string Provider, string Name) x, (string Provider, string Name) y) =>
            string.Equals(x.Provider, y.Provider, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Provider, string Name) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Provider), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name));
    }
}
