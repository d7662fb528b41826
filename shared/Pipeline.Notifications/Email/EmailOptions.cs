using System.ComponentModel.DataAnnotations;

namespace Pipeline.Notifications.Email;

/// <summary>The <c>Email</c> settings section.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Pickup;

    /// <summary><c>Email:From</c>: the sender address (on ACS, the Azure-managed domain's address).</summary>
    [Required(ErrorMessage = "Email:From is required.")]
    [EmailAddress(ErrorMessage = "Email:From must be an email address.")]
    public string From { get; set; } = "finops-alerts@localhost.localdomain";

    /// <summary><c>Email:DefaultRecipients:N</c>: who gets alerts that have no owners of their own.</summary>
    public List<string> DefaultRecipients { get; set; } = [];

    /// <summary><c>Email:PickupFolder</c>, for <see cref="EmailMode.Pickup"/>.</summary>
    public string PickupFolder { get; set; } = Path.Combine("out", "mail");

    public SmtpSettings Smtp { get; set; } = new();

    public AcsSettings Acs { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == EmailMode.Smtp && string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return new ValidationResult("Email:Smtp:Host is required when Email:Mode is Smtp.", [nameof(Smtp)]);
        }

        if (Mode == EmailMode.Acs && (Acs.Endpoint is null || Acs.Endpoint.Scheme != Uri.UriSchemeHttps && !Acs.Endpoint.IsLoopback))
        {
            yield return new ValidationResult("Email:Acs:Endpoint must be the https endpoint of the Communication Services resource when Email:Mode is Acs.", [nameof(Acs)]);
        }

        foreach (var recipient in DefaultRecipients.Where(r => !new EmailAddressAttribute().IsValid(r)))
        {
            yield return new ValidationResult($"Email:DefaultRecipients contains '{recipient}', which is not an email address.", [nameof(DefaultRecipients)]);
        }
    }

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary>STARTTLS when the server offers it (required for any relay across a network).</summary>
        public bool UseStartTls { get; set; } = true;

        public string? UserName { get; set; }

        /// <summary>From Key Vault on Azure (a Key Vault reference in the app setting); never logged.</summary>
        public string? Password { get; set; }
    }

    public sealed class AcsSettings
    {
        /// <summary><c>https://{resource}.communication.azure.com</c>.</summary>
        public Uri? Endpoint { get; set; }

        public string ApiVersion { get; set; } = "2025-09-01";
    }
}
