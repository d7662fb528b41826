namespace Pipeline.Connectors.Common;

/// <summary>
/// Guards a paging loop against a provider, proxy or stub that never stops: a continuation token (or next link) seen
/// before, or more pages than any real listing needs, ends the pull with a clear error instead of looping, and on paid
/// APIs billing, forever.
/// </summary>
public sealed class PageTokens(string provider, string operation, int maxPages = PageTokens.DefaultMaxPages)
{
    public const int DefaultMaxPages = 10_000;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _pages = 1;

    /// <summary>Checks the token of the next page before it is followed; null (or empty) means there is no next page.</summary>
    public string? Next(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (!_seen.Add(token))
        {
            throw new ProviderBadResponseException(provider, $"{operation} returned the same page token twice ('{Shorten(token)}'); stopping instead of looping");
        }

        if (++_pages > maxPages)
        {
            throw new ProviderBadResponseException(provider, $"{operation} returned more than {maxPages} pages; stopping to bound the run");
        }

        return token;
    }

    /// <summary>The same for a next link.</summary>
    public Uri? Next(Uri? link) => Next(link?.AbsoluteUri) is { } checkedLink ? new Uri(checkedLink) : null;

    private static string Shorten(string token) => token.Length <= 40 ? token : token[..37] + "...";
}
