using Microsoft.Extensions.Options;

namespace Pipeline.Notifications.Email;

/// <summary>
/// Writes each email as an <c>.eml</c> file named after its idempotency key, so a resend of the same transition
/// overwrites the same file instead of adding a second one.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetFullPath(options.Value.PickupFolder);
        Directory.CreateDirectory(folder);
        var mime = MimeMessageFactory.Create(message, options.Value.From, time);
        var path = Path.Combine(folder, $"{message.IdempotencyKey}.eml");
        var temporary = path + ".tmp";
        await mime.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
