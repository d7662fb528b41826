namespace Pipeline.Connectors.Gcp;

/// <summary>
/// FOCUS ServiceCategory for the standard export's <c>service.description</c> (the standard export has no category;
/// the FOCUS export brings its own). Anything unlisted is "Other" until added here.
/// </summary>
internal static class GcpServiceCategories
{
    private static readonly Dictionary<string, string> s_map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Compute Engine"] = "Compute", ["Kubernetes Engine"] = "Compute", ["Cloud Run"] = "Compute", ["Cloud Functions"] = "Compute", ["App Engine"] = "Compute",
        ["Cloud TPU"] = "AI and Machine Learning", ["Vertex AI"] = "AI and Machine Learning", ["Gemini API"] = "AI and Machine Learning",
        ["Cloud AI Platform"] = "AI and Machine Learning", ["Generative Language API"] = "AI and Machine Learning", ["Document AI"] = "AI and Machine Learning",
        ["Cloud Storage"] = "Storage", ["Filestore"] = "Storage", ["Backup and DR Service"] = "Storage",
        ["BigQuery"] = "Analytics", ["BigQuery Storage API"] = "Analytics", ["Dataflow"] = "Analytics", ["Dataproc"] = "Analytics", ["Pub/Sub"] = "Integration",
        ["Cloud SQL"] = "Databases", ["Cloud Spanner"] = "Databases", ["Cloud Bigtable"] = "Databases", ["Firestore"] = "Databases", ["AlloyDB"] = "Databases",
        ["Networking"] = "Networking", ["Cloud CDN"] = "Networking", ["Cloud DNS"] = "Networking", ["Cloud Load Balancing"] = "Networking", ["Cloud NAT"] = "Networking",
        ["Cloud Logging"] = "Management and Governance", ["Cloud Monitoring"] = "Management and Governance", ["Support"] = "Management and Governance",
        ["Secret Manager"] = "Security", ["Cloud Key Management Service (KMS)"] = "Security", ["Security Command Center"] = "Security",
    };

    public static string For(string? service) => service is not null && s_map.TryGetValue(service.Trim(), out var category) ? category : "Other";
}
