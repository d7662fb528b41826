namespace Pipeline.Connectors.Common;

/// <summary>Reads a provider's successful response body; a malformed or cut-off body becomes a clear bad-response error.</summary>
public static class ProviderJson
{
    /// <param name="what">What answered (an operation or a path), for the message.</param>
    public static JsonDocument Parse(string provider, string what, string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ProviderBadResponseException(provider, $"{what} returned a malformed or truncated JSON body ({text.Length} characters): {ex.Message}", ex);
        }
    }
}
