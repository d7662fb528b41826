namespace Pipeline.Core.Diagnostics;

/// <summary>
/// What of a source location may be recorded (<c>runs.Location</c>) or logged: for anything URL-like, the scheme, host and
/// path, never the query string (a SAS token's <c>sig=</c>), fragment or user info, even when the URL does not parse;
/// for a local path, the path. Whatever remains is scrubbed as well.
/// </summary>
public static class LocationRedactor
{
    public static string Redact(string? location)
    {
        if (string.IsNullOrEmpty(location))
        {
            return string.Empty;
        }

        var text = location.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var cut = text.IndexOfAny(['?', '#'], scheme);
            if (cut >= 0)
            {
                text = text[..cut];
            }

            var authorityEnd = text.IndexOf('/', scheme + 3);
            var authority = authorityEnd < 0 ? text[(scheme + 3)..] : text[(scheme + 3)..authorityEnd];
            if (authority.LastIndexOf('@') is var at and >= 0)
            {
                text = text[..(scheme + 3)] + authority[(at + 1)..] + (authorityEnd < 0 ? string.Empty : text[authorityEnd..]);
            }
        }

        return SecretScrubber.Scrub(text);
    }
}
