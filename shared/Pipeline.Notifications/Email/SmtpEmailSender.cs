using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Pipeline.Notifications.Email;

/// <summary>
/// Sends through any SMTP relay with MailKit. TLS is required unless switched off: implicit TLS (SMTPS, port 465 or
/// <c>Email:Smtp:ImplicitTls</c>) or STARTTLS, and a server that does not offer STARTTLS is refused before anything is
/// sent. Credentials are only ever sent over an encrypted channel.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.Smtp;
        var mime = MimeMessageFactory.Create(message, options.Value.From, time);
        using var client = new SmtpClient();
        var security = settings.UsesImplicitTls ? SecureSocketOptions.SslOnConnect : settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        var host = settings.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
        try
        {
            await client.ConnectAsync(host, settings.Port, security, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException ex) when (security == SecureSocketOptions.StartTls)
        {
            throw new InvalidOperationException(
                $"The SMTP server {host}:{settings.Port} does not offer STARTTLS; nothing was sent. Use a relay with TLS (or Email:Smtp:ImplicitTls for port 465).", ex);
        }

        if (!string.IsNullOrEmpty(settings.UserName))
        {
            if (!client.IsSecure)
            {
                throw new InvalidOperationException($"Refusing to authenticate to {host}:{settings.Port} over an unencrypted connection.");
            }

            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}
