using System.ComponentModel.DataAnnotations;

namespace Pipeline.Connectors.Oci;

/// <summary>The <c>Oci</c> settings section (see docs/oci.md for the API key and IAM policies).</summary>
public sealed class OciOptions : IValidatableObject
{
    public const string SectionName = "Oci";

    public bool Enabled { get; set; }

    /// <summary><c>Oci:TenancyId</c>: the tenancy OCID; the BillingAccountId of Oracle rows and the keyId's first part.</summary>
    public string? TenancyId { get; set; }

    public string? TenancyName { get; set; }

    /// <summary><c>Oci:UserId</c> and <c>Oci:Fingerprint</c>: the API key's user OCID and key fingerprint.</summary>
    public string? UserId { get; set; }

    public string? Fingerprint { get; set; }

    /// <summary><c>Oci:PrivateKeyPem</c>: the API signing key (a Key Vault reference); never logged.</summary>
    public string? PrivateKeyPem { get; set; }

    public string? PrivateKeyPassphrase { get; set; }

    /// <summary><c>Oci:HomeRegion</c>: the Usage API answers for all regions, but only in the home region.</summary>
    public string? HomeRegion { get; set; }

    /// <summary><c>Oci:Currency</c>: the tenancy's billing currency, used where the Usage API leaves the currency blank.</summary>
    public string Currency { get; set; } = "USD";

    [Range(1, 400, ErrorMessage = "Oci:WindowDays must be between 1 and 400.")]
    public int WindowDays { get; set; } = 35;

    /// <summary><c>Oci:Regions:N</c>: regions whose GPU limits are read (availability domains are discovered).</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary><c>Oci:GpuLimitNames:N</c>: limit names to read; empty discovers compute limits named gpu* that support availability.</summary>
    public List<string> GpuLimitNames { get; set; } = [];

    /// <summary><c>Oci:SubscribedServiceIds:N</c>: subscribed services whose commitments (Universal Credits) are synced; empty = none.</summary>
    public List<string> SubscribedServiceIds { get; set; } = [];

    /// <summary>Endpoint templates; <c>{region}</c> is replaced.</summary>
    public string UsageEndpoint { get; set; } = "https://usageapi.{region}.oci.oraclecloud.com/";

    public string LimitsEndpoint { get; set; } = "https://limits.{region}.oci.oraclecloud.com/";

    public string IdentityEndpoint { get; set; } = "https://identity.{region}.oci.oraclecloud.com/";

    /// <summary>Core Services (compute capacity reservations).</summary>
    public string ComputeEndpoint { get; set; } = "https://iaas.{region}.oraclecloud.com/";

    /// <summary>
    /// <c>Oci:ReservationCompartmentIds:N</c>: compartments whose compute capacity reservations are read in every region
    /// of <c>Oci:Regions</c> (the API lists one compartment, not its subtree); empty = the tenancy's root compartment.
    /// </summary>
    public List<string> ReservationCompartmentIds { get; set; } = [];

    public IReadOnlyList<string> EffectiveReservationCompartments => ReservationCompartmentIds.Count > 0 ? ReservationCompartmentIds.Distinct(StringComparer.Ordinal).ToList() : [TenancyId!];

    /// <summary>Object Storage in the home region, where Oracle writes the FOCUS reports (<c>oci://bling/&lt;tenancy&gt;/FOCUS Reports/</c>).</summary>
    public string ObjectStorageEndpoint { get; set; } = "https://objectstorage.{region}.oraclecloud.com/";

    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(3);

    public Uri Endpoint(string template, string region) => new(template.Replace("{region}", region, StringComparison.Ordinal));

    public string KeyId => $"{TenancyId}/{UserId}/{Fingerprint}";

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

        foreach (var (value, name) in new[] { (TenancyId, "TenancyId"), (UserId, "UserId"), (Fingerprint, "Fingerprint"), (PrivateKeyPem, "PrivateKeyPem"), (HomeRegion, "HomeRegion") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"Oci:{name} is required when Oci:Enabled is true (see docs/oci.md).", [name]);
            }
        }

        if (Pipeline.Core.Money.CurrencyCodes.Normalize(Currency) is null)
        {
            yield return new ValidationResult($"Oci:Currency '{Currency}' is not an ISO 4217 code.", [nameof(Currency)]);
        }

        if (!string.IsNullOrWhiteSpace(PrivateKeyPem) && !ProviderSettings.IsUnresolvedReference(PrivateKeyPem) && !PrivateKeyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            // Never echo the value: it is a secret even when it is malformed.
            yield return new ValidationResult("Oci:PrivateKeyPem is not a PEM private key (expected -----BEGIN ... PRIVATE KEY-----).", [nameof(PrivateKeyPem)]);
        }
    }
}
