namespace Pipeline.Cli.Demo;

/// <summary>One provider's synthetic estate: its accounts, services and regions.</summary>
internal sealed record SyntheticProvider(
    string Name,
    string BillingAccountId,
    string BillingAccountName,
    string[] SubAccounts,
    (string Name, string Category, decimal DailyBase, bool Gpu)[] Services,
    (string Id, string Name)[] Regions)
{
    public static readonly IReadOnlyList<SyntheticProvider> All =
    [
        new("AWS", "123456789012", "ai-lab-payer",
            ["210987654321", "345678901234", "456789012345"],
            [("Amazon Elastic Compute Cloud", "Compute", 42_000m, true), ("Amazon SageMaker", "AI and Machine Learning", 9_000m, true),
             ("Amazon Simple Storage Service", "Storage", 6_500m, false), ("Amazon Bedrock", "AI and Machine Learning", 3_000m, false),
             ("Tax", "Other", 0m, false)],
            [("us-east-1", "US East (N. Virginia)"), ("us-west-2", "US West (Oregon)")]),
        new("Microsoft", "/providers/Microsoft.Billing/billingAccounts/8611537:a4a2#ea", "Contoso AI MCA",
            ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"],
            [("Virtual Machines", "Compute", 55_000m, true), ("Azure OpenAI Service", "AI and Machine Learning", 12_000m, false),
             ("Storage Accounts", "Storage", 5_000m, false), ("Azure Machine Learning", "AI and Machine Learning", 7_000m, true)],
            [("eastus2", "East US 2"), ("swedencentral", "Sweden Central")]),
        new("Google Cloud", "01A2B3-C4D5E6-F7A8B9", "gcp-ai-billing",
            ["ai-training-prod", "ai-inference-prod", "data-platform"],
            [("Compute Engine", "Compute", 30_000m, true), ("Vertex AI", "AI and Machine Learning", 11_000m, true),
             ("Cloud Storage", "Storage", 4_000m, false), ("BigQuery", "Analytics", 3_500m, false)],
            [("us-central1", "Iowa"), ("europe-west4", "Netherlands")]),
        new("Oracle", "ocid1.tenancy.oc1..aaaaaaaaexampletenancy", "oci-ai-tenancy",
            ["ocid1.compartment.oc1..gpu", "ocid1.compartment.oc1..shared"],
            [("Compute", "Compute", 24_000m, true), ("Block Storage", "Storage", 2_500m, false),
             ("Generative AI", "AI and Machine Learning", 2_000m, false)],
            [("us-ashburn-1", "US East (Ashburn)"), ("us-chicago-1", "US Midwest (Chicago)")]),
    ];
}
