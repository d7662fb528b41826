using System.ComponentModel.DataAnnotations;

namespace Pipeline.Connectors.Gcp;

/// <summary>The <c>Gcp</c> settings section (see docs/gcp.md for the IAM and federation setup).</summary>
public sealed class GcpOptions : IValidatableObject
{
    public const string SectionName = "Gcp";

    public bool Enabled { get; set; }

    /// <summary><c>Gcp:BillingAccountId</c>: e.g. <c>01A2B3-C4D5E6-F7A8B9</c>; the BillingAccountId of Google Cloud rows.</summary>
    public string? BillingAccountId { get; set; }

    /// <summary><c>Gcp:ExportTable</c>: <c>project.dataset.table</c> of the billing export (standard table or FOCUS export/view).</summary>
    public string? ExportTable { get; set; }

    /// <summary><c>Gcp:ExportKind</c>: <c>Standard</c> (gcp_billing_export_v1_*) or <c>Focus</c> (the FOCUS export or view).</summary>
    public GcpExportKind ExportKind { get; set; } = GcpExportKind.Standard;

    /// <summary><c>Gcp:QueryProject</c>: the project that runs (and pays for) the query job.</summary>
    public string? QueryProject { get; set; }

    /// <summary><c>Gcp:Location</c>: the export dataset's location (<c>US</c>, <c>EU</c>, a region).</summary>
    public string Location { get; set; } = "US";

    [Range(1, 400, ErrorMessage = "Gcp:WindowDays must be between 1 and 400.")]
    public int WindowDays { get; set; } = 35;

    /// <summary><c>Gcp:PartitionMarginDays</c>: how far before the window the export-day partitions are scanned (late rows).</summary>
    [Range(0, 60, ErrorMessage = "Gcp:PartitionMarginDays must be between 0 and 60.")]
    public int PartitionMarginDays { get; set; } = 3;

    /// <summary><c>Gcp:MaximumBytesBilled</c>: the query fails rather than scan more than this (a cost guard).</summary>
    [Range(10_000_000L, long.MaxValue, ErrorMessage = "Gcp:MaximumBytesBilled must be at least 10 MB (BigQuery's minimum per table).")]
    public long MaximumBytesBilled { get; set; } = 100_000_000_000L;

    /// <summary><c>Gcp:Projects:N</c> and <c>Gcp:Regions:N</c>: where GPU quotas and reservations are read.</summary>
    public List<string> Projects { get; set; } = [];

    public List<string> Regions { get; set; } = [];

    /// <summary>
    /// <c>Gcp:WorkloadIdentityProvider</c>: <c>//iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/P/providers/X</c>;
    /// with <c>Gcp:EntraAudience</c> the managed identity's Entra token is exchanged for a Google token (no key anywhere).
    /// </summary>
    public string? WorkloadIdentityProvider { get; set; }

    /// <summary><c>Gcp:EntraAudience</c>: the Application ID URI the managed identity requests a token for.</summary>
    public string? EntraAudience { get; set; }

    /// <summary><c>Gcp:ServiceAccountEmail</c>: impersonated after federation (optional when the pool itself is granted roles).</summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary><c>Gcp:CredentialJson</c>: a service account key or external-account JSON (a Key Vault reference); fallback to federation.</summary>
    public string? CredentialJson { get; set; }

    public Uri BigQueryEndpoint { get; set; } = new("https://bigquery.googleapis.com/");

    public Uri CloudBillingEndpoint { get; set; } = new("https://cloudbilling.googleapis.com/");

    public Uri ComputeEndpoint { get; set; } = new("https://compute.googleapis.com/");

    public Uri StsEndpoint { get; set; } = new("https://sts.googleapis.com/");

    public Uri IamCredentialsEndpoint { get; set; } = new("https://iamcredentials.googleapis.com/");

    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for a query job to complete before the run fails.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        foreach (var unresolved in ProviderSettings.UnresolvedKeyVaultReferences(this, SectionName))
        {
            yield return unresolved;
        }

        if (!string.IsNullOrWhiteSpace(ExportTable))
        {
            if (ExportTable.Split('.') is not { Length: 3 } parts || parts.Any(p => p.Length == 0 || p.Any(c => c is '`' or ';' or ' ' or '\'' or '"')))
            {
                yield return new ValidationResult($"Gcp:ExportTable '{ExportTable}' must be project.dataset.table (no quotes, spaces or backticks).", [nameof(ExportTable)]);
            }

            if (string.IsNullOrWhiteSpace(BillingAccountId))
            {
                yield return new ValidationResult("Gcp:BillingAccountId is required when Gcp:ExportTable is set.", [nameof(BillingAccountId)]);
            }

            if (string.IsNullOrWhiteSpace(QueryProject))
            {
                yield return new ValidationResult("Gcp:QueryProject is required when Gcp:ExportTable is set (the project that runs the query).", [nameof(QueryProject)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(WorkloadIdentityProvider) && string.IsNullOrWhiteSpace(EntraAudience))
        {
            yield return new ValidationResult("Gcp:EntraAudience is required with Gcp:WorkloadIdentityProvider.", [nameof(EntraAudience)]);
        }
    }
}
