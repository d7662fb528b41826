namespace Pipeline.Connectors.Oci;

/// <summary>FOCUS ServiceCategory for Usage API service names (the Usage API has no category). Unlisted services are "Other".</summary>
internal static class OciServiceCategories
{
    private static readonly Dictionary<string, string> s_map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Compute"] = "Compute", ["Container Engine"] = "Compute", ["Functions"] = "Compute",
        ["Block Storage"] = "Storage", ["Object Storage"] = "Storage", ["File Storage"] = "Storage", ["Archive Storage"] = "Storage",
        ["Generative AI"] = "AI and Machine Learning", ["Data Science"] = "AI and Machine Learning", ["AI Services"] = "AI and Machine Learning",
        ["Database"] = "Databases", ["Autonomous Database"] = "Databases", ["MySQL"] = "Databases",
        ["Networking"] = "Networking", ["Load Balancer"] = "Networking", ["FastConnect"] = "Networking",
        ["Logging"] = "Management and Governance", ["Monitoring"] = "Management and Governance", ["Support"] = "Management and Governance",
        ["Key Management"] = "Security", ["Vault"] = "Security",
    };

    public static string For(string? service) => service is not null && s_map.TryGetValue(service.Trim(), out var category) ? category : "Other";
}
