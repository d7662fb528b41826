namespace Pipeline.Notifications.Email;

/// <summary>A rendered email. <see cref="IdempotencyKey"/> lets senders that support it drop a resend of the same message.</summary>
public sealed record EmailMessage(
    IReadOnlyList<string> To,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<InlineImage> Images,
    string IdempotencyKey);

/// <summary>An image referenced from the HTML as <c>cid:{ContentId}</c>.</summary>
public sealed record InlineImage(string ContentId, string FileName, byte[] Png);
