using System.Collections.Frozen;

namespace Pipeline.Core.Costs;

/// <summary>
/// FOCUS enumerations and their canonical spelling. Providers write some values in lower case (Google's
/// FOCUS view) or with 1.0-era names (PricingCategory "On-Demand"); the table always holds the 1.2 spelling.
/// </summary>
public static class FocusValues
{
    public static readonly IReadOnlyList<string> ChargeCategories = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"];

    public static readonly IReadOnlyList<string> PricingCategories = ["Standard", "Dynamic", "Committed", "Other"];

    public static readonly IReadOnlyList<string> ServiceCategories =
    [
        "AI and Machine Learning", "Analytics", "Business Applications", "Compute", "Databases", "Developer Tools",
        "Multicloud", "Identity", "Integration", "Internet of Things", "Management and Governance", "Media",
        "Migration", "Mobile", "Networking", "Security", "Storage", "Web", "Other",
    ];

    private static readonly FrozenDictionary<string, string> s_chargeCategory = Canonical(ChargeCategories);

    private static readonly FrozenDictionary<string, string> s_pricingCategory = Canonical(PricingCategories, new Dictionary<string, string>
    {
        ["On-Demand"] = "Standard",
        ["OnDemand"] = "Standard",
        ["Commitment-Based"] = "Committed",
    });

    private static readonly FrozenDictionary<string, string> s_serviceCategory = Canonical(ServiceCategories);

    /// <summary>Canonical ChargeCategory, or null when the value is not a FOCUS charge category.</summary>
    public static string? ChargeCategory(string value) => s_chargeCategory.GetValueOrDefault(value.Trim());

    /// <summary>Canonical PricingCategory, or null when the value is not one FOCUS defines (1.0 names included).</summary>
    public static string? PricingCategory(string value) => s_pricingCategory.GetValueOrDefault(value.Trim());

    /// <summary>Canonical ServiceCategory when known; an unknown category is kept as written.</summary>
    public static string ServiceCategory(string value) => s_serviceCategory.GetValueOrDefault(value.Trim(), value.Trim());

    /// <summary>ChargeClass is either null or "Correction".</summary>
    public static bool TryChargeClass(string? value, out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (value.Trim().Equals("Correction", StringComparison.OrdinalIgnoreCase))
        {
            canonical = "Correction";
            return true;
        }

        return false;
    }

    private static FrozenDictionary<string, string> Canonical(IReadOnlyList<string> values, IDictionary<string, string>? aliases = null)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            map[value] = value;
        }

        foreach (var (alias, value) in aliases ?? new Dictionary<string, string>())
        {
            map[alias] = value;
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
