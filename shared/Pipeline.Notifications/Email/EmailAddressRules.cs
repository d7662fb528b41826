using MimeKit;

namespace Pipeline.Notifications.Email;

/// <summary>
/// What counts as a recipient or sender: exactly one plain mailbox (<c>local@domain</c>) as MimeKit parses it, with no
/// display name, list (<c>a,b@c.d</c>, <c>a;b@c.d</c>), group (<c>team:a@c.d</c>) or route. Checked where addresses enter
/// (the commitments file, the Email settings) and again at send, so an address the sender would choke on never blocks
/// an alert.
/// </summary>
public static class EmailAddressRules
{
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() != text)
        {
            return false;
        }

        return MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox)
               && string.IsNullOrEmpty(mailbox.Name)
               && mailbox.Route.Count == 0
               && string.Equals(mailbox.Address, text, StringComparison.Ordinal)
               && mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1;
    }
}
