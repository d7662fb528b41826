using System.ComponentModel.DataAnnotations;

namespace Pipeline.Connectors.Azure;

/// <summary>The <c>Azure</c> settings section (see docs/azure.md for the role assignments).</summary>
public sealed class AzureOptions : IValidatableObject
{
    public const string SectionName = "Azure";

    public bool Enabled { get; set; }

    /// <summary>
    /// <c>Azure:Scopes:N</c>: Cost Management scopes, e.g. <c>subscriptions/{id}</c>,
    /// <c>providers/Microsoft.Billing/billingAccounts/{id}</c> or <c>.../billingProfiles/{id}</c>.
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary><c>Azure:BillingAccountId</c>: the BillingAccountId of Azure cost rows (the MCA/EA billing account).</summary>
    public string? BillingAccountId { get; set; }

    public string? BillingAccountName { get; set; }

    [Range(1, 400, ErrorMessage = "Azure:WindowDays must be between 1 and 400.")]
    public int WindowDays { get; set; } = 35;

    /// <summary><c>Azure:Subscriptions:N</c> and <c>Azure:Regions:N</c>: where GPU quotas and capacity reservations are read.</summary>
    public List<string> Subscriptions { get; set; } = [];

    public List<string> Regions { get; set; } = [];

    /// <summary><c>Azure:MaccBillingAccountIds:N</c>: billing accounts whose MACC lots are kept in sync as commitments.</summary>
    public List<string> MaccBillingAccountIds { get; set; } = [];

    /// <summary><c>Azure:ManagementEndpoint</c>: ARM of the cloud (Azure Government <c>https://management.usgovcloudapi.net/</c>, Azure China <c>https://management.chinacloudapi.cn/</c>).</summary>
    public Uri ManagementEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>
    /// <c>Azure:ManagementAudience</c>: the token audience for ARM, when the endpoint is not ARM's own host (a proxy or
    /// gateway in front of it); by default the endpoint's origin, which is right for every Azure cloud.
    /// </summary>
    public Uri? ManagementAudience { get; set; }

    /// <summary>The Entra ID scope of ARM tokens: <c>{audience}/.default</c>.</summary>
    public string ManagementScope => new Uri(ManagementAudience ?? ManagementEndpoint, "/.default").ToString();

    public string QueryApiVersion { get; set; } = "2024-08-01";

    public string ConsumptionApiVersion { get; set; } = "2023-11-01";

    public string ComputeApiVersion { get; set; } = "2024-07-01";

    /// <summary>
    /// <c>Azure:MinSecondsBetweenQueries</c>: spacing of Cost Management queries (the tightest documented budget is
    /// 4 queries per minute per scope).
    /// </summary>
    [Range(0, 600, ErrorMessage = "Azure:MinSecondsBetweenQueries must be between 0 and 600.")]
    public double MinSecondsBetweenQueries { get; set; } = 15;

    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var unresolved in Enabled ? ProviderSettings.UnresolvedKeyVaultReferences(this, SectionName) : [])
        {
            yield return unresolved;
        }

        if (Enabled && Scopes.Count > 0 && string.IsNullOrWhiteSpace(BillingAccountId))
        {
            yield return new ValidationResult("Azure:BillingAccountId is required when Azure:Scopes are set.", [nameof(BillingAccountId)]);
        }

        foreach (var duplicate in Scopes.GroupBy(s => s.Trim().TrimEnd('/'), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"Azure:Scopes lists '{duplicate.Key}' {duplicate.Count()} times; each scope's costs would be counted that many times.", [nameof(Scopes)]);
        }

        var billing = Scopes.Select(s => s.Trim().TrimEnd('/')).Where(s => !s.StartsWith("subscriptions/", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var (inner, outer) in billing.SelectMany(i => billing.Where(o => i.Length > o.Length && i.StartsWith(o + "/", StringComparison.OrdinalIgnoreCase)).Select(o => (i, o))))
        {
            yield return new ValidationResult($"Azure:Scopes entry '{inner}' is inside '{outer}': its costs would be pulled twice. Keep one of them.", [nameof(Scopes)]);
        }

        foreach (var scope in Scopes.Where(s => s.StartsWith('/') || s.Contains("://", StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"Azure:Scopes entry '{scope}' must be a relative scope such as subscriptions/<id> (no leading slash, no host).", [nameof(Scopes)]);
        }
    }
}
