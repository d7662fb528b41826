using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Http;

namespace Pipeline.Notifications.Email;

/// <summary>
/// Azure Communication Services Email over its REST API (<c>POST {endpoint}/emails:send</c>, api-version 2025-09-01)
/// through the same HTTP pipeline as the provider connectors (retries honour Retry-After, <see cref="AcsErrorClassifier"/>)
/// with an Entra ID token for <c>https://communication.azure.com/.default</c>: the managed identity on Azure, no access
/// keys. The <c>operation-id</c> header is derived from the idempotency key, so ACS treats a resend as the same operation.
/// </summary>
public sealed class AcsEmailSender(IOptions<EmailOptions> options, IHttpClientFactory factory, TimeProvider time) : IEmailSender
{
    public const string ClientName = "azure-acs";

    public const string Scope = "https://communication.azure.com/.default";

    private readonly AcsErrorClassifier _classifier = new(time);

    /// <summary>
    /// The named client: resilience inside the notifier's 60-second send bound (a 30-second retry budget), then the bearer.
    /// </summary>
    public static void AddHttpClient(IServiceCollection services) =>
        services.AddProviderHttpClient(ClientName, sp => new AcsErrorClassifier(sp.GetRequiredService<TimeProvider>()),
            _ => new ProviderRetryOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
            sp => new BearerTokenHandler(sp.GetRequiredService<TokenCredential>(), Scope, sp.GetRequiredService<TimeProvider>()),
            timeout: TimeSpan.FromSeconds(60));

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var endpoint = settings.Acs.Endpoint ?? throw new InvalidOperationException("Email:Acs:Endpoint is not set.");
        // Not new Uri(endpoint, "emails:send"): a relative reference with a colon parses as the scheme "emails".
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/emails:send?api-version={settings.Acs.ApiVersion}"));
        request.Headers.Add("operation-id", OperationId(message.IdempotencyKey).ToString());
        request.Content = new ByteArrayContent(Body(message, settings.From)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        await factory.CreateClient(ClientName).SendAsync(request, _classifier, new ProviderCallMeter(), "send email", cancellationToken).ConfigureAwait(false);
    }

    public static Guid OperationId(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static byte[] Body(EmailMessage message, string from)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("senderAddress", from);
            json.WriteStartObject("content");
            json.WriteString("subject", message.Subject);
            json.WriteString("plainText", message.Text);
            json.WriteString("html", message.Html);
            json.WriteEndObject();
            json.WriteStartObject("recipients");
            json.WriteStartArray("to");
            foreach (var to in message.To)
            {
                json.WriteStartObject();
                json.WriteString("address", to);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("attachments");
            foreach (var image in message.Images)
            {
                json.WriteStartObject();
                json.WriteString("name", image.FileName);
                json.WriteString("contentType", "image/png");
                json.WriteString("contentInBase64", Convert.ToBase64String(image.Png));
                json.WriteString("contentId", image.ContentId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("userEngagementTrackingDisabled", true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
