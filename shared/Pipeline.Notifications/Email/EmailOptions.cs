using System.ComponentModel.DataAnnotations;

namespace Pipeline.Notifications.Email;

/// <summary>The <c>Email</c> settings section.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Pickup;

    /// <summary><c>Email:From</c>: the sender address (on ACS, the Azure-managed domain's address).</summary>
    [Required(ErrorMessage = "Email:From is required.")]
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

        if (!EmailAddressRules.IsValid(From))
        {
            yield return new ValidationResult($"Email:From '{From}' is not a single email address (local@domain).", [nameof(From)]);
        }

        foreach (var recipient in DefaultRecipients.Where(r => !EmailAddressRules.IsValid(r)))
        {
            yield return new ValidationResult($"Email:DefaultRecipients contains '{recipient}', which is not a single email address (local@domain; no lists, groups or display names).",
                [nameof(DefaultRecipients)]);
        }

        if (Mode == EmailMode.Smtp && !string.IsNullOrEmpty(Smtp.UserName) && !Smtp.UseStartTls && !Smtp.UsesImplicitTls)
        {
            yield return new ValidationResult("Email:Smtp:UserName is set but neither Email:Smtp:UseStartTls nor Email:Smtp:ImplicitTls is: the password would cross the network in clear.",
                [nameof(Smtp)]);
        }
    }

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary>
        /// <c>Email:Smtp:UseStartTls</c> (default true): upgrade with STARTTLS and refuse a server that does not offer it.
        /// False only for a local relay without TLS, and then without a user name.
        /// </summary>
        public bool UseStartTls { get; set; } = true;

        /// <summary><c>Email:Smtp:ImplicitTls</c>: TLS from the first byte (SMTPS); default when <see cref="Port"/> is 465.</summary>
        public bool? ImplicitTls { get; set; }

        public bool UsesImplicitTls => ImplicitTls ?? Port == 465;

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
