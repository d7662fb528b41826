using System.ComponentModel.DataAnnotations;

namespace Pipeline.Connectors.Aws;

/// <summary>The <c>Aws</c> settings section (see docs/aws.md for the IAM setup).</summary>
public sealed class AwsOptions : IValidatableObject
{
    public const string SectionName = "Aws";

    public static readonly IReadOnlyList<string> DefaultGpuQuotaCodes = ["L-417A185B", "L-7212CCBC", "L-DB2E81BA", "L-3819A6DF", "L-2C3B7624", "L-5480EFD2"];

    /// <summary><c>Aws:Enabled</c>: the AWS timers do nothing unless this is true.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>Aws:PayerAccountId</c>: the management (payer) account; the BillingAccountId of AWS cost rows.</summary>
    public string? PayerAccountId { get; set; }

    /// <summary><c>Aws:LinkedAccounts:N</c>: member accounts to pull; empty means discover them (one paid call).</summary>
    public List<string> LinkedAccounts { get; set; } = [];

    /// <summary><c>Aws:WindowDays</c>: the trailing window re-pulled on every run (restatements, estimated days).</summary>
    [Range(1, 400, ErrorMessage = "Aws:WindowDays must be between 1 and 400.")]
    public int WindowDays { get; set; } = 35;

    /// <summary><c>Aws:Regions:N</c>: regions whose GPU quotas and capacity reservations are read (default us-east-1).</summary>
    /// <remarks>Empty by default: configuration binding appends to a pre-filled list instead of replacing it.</remarks>
    public List<string> Regions { get; set; } = [];

    /// <summary><c>Aws:QuotaCodes:N</c>: EC2 vCPU quota codes to read (default: on-demand and spot P, G/VT and Trn).</summary>
    public List<string> QuotaCodes { get; set; } = [];

    /// <summary>The account the pipeline's calls are made as: the role's (from <c>Aws:RoleArn</c>), else the payer account.</summary>
    public string CallerAccount => RoleArn?.Split(':') is { Length: > 4 } arn && arn[4].Length > 0 ? arn[4] : PayerAccountId ?? "unknown";

    public IReadOnlyList<string> EffectiveRegions => Regions.Count == 0 ? ["us-east-1"] : Regions.Distinct(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> EffectiveQuotaCodes => QuotaCodes.Count == 0 ? DefaultGpuQuotaCodes : QuotaCodes.Distinct(StringComparer.Ordinal).ToList();

    /// <summary><c>Aws:CostExplorerEndpoint</c>: Cost Explorer's one endpoint per partition (GovCloud <c>https://ce.us-gov-west-1.amazonaws.com/</c>, China <c>https://ce.cn-northwest-1.amazonaws.com.cn/</c>).</summary>
    public Uri CostExplorerEndpoint { get; set; } = new("https://ce.us-east-1.amazonaws.com/");

    /// <summary><c>Aws:CostExplorerRegion</c>: the region Cost Explorer requests are signed for (the partition's Cost Explorer region).</summary>
    public string CostExplorerRegion { get; set; } = "us-east-1";

    /// <summary><c>Aws:StsRegion</c>: where <c>AssumeRoleWithWebIdentity</c> is called (its regional endpoint), e.g. <c>us-gov-west-1</c>, <c>cn-north-1</c>.</summary>
    public string StsRegion { get; set; } = "us-east-1";

    /// <summary><c>Aws:StsEndpoint</c>: an explicit STS endpoint (a VPC interface endpoint, a FIPS endpoint); signed for <see cref="StsRegion"/>.</summary>
    public Uri? StsEndpoint { get; set; }

    /// <summary>Endpoint template; <c>{region}</c> is replaced.</summary>
    public string ServiceQuotasEndpoint { get; set; } = "https://servicequotas.{region}.amazonaws.com/";

    /// <summary>Endpoint template for EC2; empty uses the SDK's regional endpoint.</summary>
    public string? Ec2Endpoint { get; set; }

    /// <summary><c>Aws:S3Region</c>: region of the bucket holding the FOCUS export (Data Exports).</summary>
    public string S3Region { get; set; } = "us-east-1";

    /// <summary><c>Aws:S3Endpoint</c>: override for S3-compatible endpoints and the local simulator; empty for AWS.</summary>
    public string? S3Endpoint { get; set; }

    /// <summary><c>Aws:RoleArn</c>: role assumed with web-identity federation from the function app's managed identity.</summary>
    public string? RoleArn { get; set; }

    /// <summary><c>Aws:WebIdentityAudience</c>: the Entra ID application ID URI the role's trust policy expects.</summary>
    public string WebIdentityAudience { get; set; } = "api://AzureADTokenExchange";

    /// <summary><c>Aws:AccessKeyId</c> / <c>Aws:SecretAccessKey</c>: fallback keys (Key Vault references on Azure). Never logged.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    /// <summary><c>Aws:RetryBudget</c>: total time spent backing off on throttling and 5xx per operation.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(2);

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

        if (string.IsNullOrWhiteSpace(PayerAccountId))
        {
            yield return new ValidationResult("Aws:PayerAccountId is required when Aws:Enabled is true.", [nameof(PayerAccountId)]);
        }

        if (string.IsNullOrEmpty(AccessKeyId) != string.IsNullOrEmpty(SecretAccessKey))
        {
            yield return new ValidationResult("Aws:AccessKeyId and Aws:SecretAccessKey must be set together.", [nameof(AccessKeyId)]);
        }

        if (!ServiceQuotasEndpoint.Contains("{region}", StringComparison.Ordinal) && EffectiveRegions.Count > 1)
        {
            yield return new ValidationResult("Aws:ServiceQuotasEndpoint must contain {region} when several regions are configured.", [nameof(ServiceQuotasEndpoint)]);
        }
    }
}
