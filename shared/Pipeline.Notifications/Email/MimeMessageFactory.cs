using MimeKit;

namespace Pipeline.Notifications.Email;

/// <summary>Builds the MIME message that SMTP and the pickup folder share: multipart/alternative text + related HTML with inline PNGs.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(EmailMessage message, string from, TimeProvider time)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        foreach (var to in message.To)
        {
            mime.To.Add(MailboxAddress.Parse(to));
        }

        mime.Subject = message.Subject;

        // A stable Message-Id per transition lets receiving systems drop a duplicate.
        mime.MessageId = $"{message.IdempotencyKey}@{MailboxAddress.Parse(from).Domain}";
        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        foreach (var image in message.Images)
        {
            var part = body.LinkedResources.Add(image.FileName, image.Png, new ContentType("image", "png"));
            part.ContentId = image.ContentId;
        }

        mime.Body = body.ToMessageBody();
        mime.Date = time.GetUtcNow();
        return mime;
    }
}
