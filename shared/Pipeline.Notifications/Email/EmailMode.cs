namespace Pipeline.Notifications.Email;

public enum EmailMode
{
    /// <summary>Write <c>.eml</c> files to a folder (local default).</summary>
    Pickup,

    /// <summary>Any SMTP relay through MailKit (ACS SMTP, SendGrid, Office 365, ...).</summary>
    Smtp,

    /// <summary>Azure Communication Services Email REST with a managed-identity token (default on Azure).</summary>
    Acs,
}
