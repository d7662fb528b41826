using System.Text.Json;

namespace Pipeline.Http;

/// <summary>
/// Reads a provider's error envelope into its code and message with the provider's own reader; a body that is not JSON
/// (a proxy's HTML page, a cut-off response) becomes its first 200 characters as the message, without a code.
/// </summary>
public static class ProviderErrorBody
{
    public static (string Code, string Message) Read(string body, Func<JsonElement, (string Code, string Message)> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return read(document.RootElement);
        }
        catch (JsonException)
        {
            return (string.Empty, body.Length > 200 ? body[..200] : body);
        }
    }
}
