using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Common;

namespace Pipeline.Notifications.Email;

/// <summary>
/// Azure Communication Services Email over its REST API (<c>POST {endpoint}/emails:send</c>, api-version 2025-09-01)
/// through an Azure.Core pipeline (retries honour Retry-After) with an Entra ID token for
/// <c>https://communication.azure.com/.default</c> — the managed identity on Azure, no access keys.
/// The <c>operation-id</c> header is derived from the idempotency key, so ACS treats a resend as the same operation.
/// </summary>
public sealed class AcsEmailSender : IEmailSender
{
    private readonly EmailOptions _options;
    private readonly HttpPipeline _pipeline;

    public AcsEmailSender(IOptions<EmailOptions> options, TokenCredential credential, TimeProvider time, HttpPipelineTransport? transport = null)
    {
        _options = options.Value;
        var clientOptions = new AcsEmailClientOptions();
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        _pipeline = HttpPipelineBuilder.Build(clientOptions, new BearerTokenPolicy(credential, "https://communication.azure.com/.default", time));
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var endpoint = _options.Acs.Endpoint ?? throw new InvalidOperationException("Email:Acs:Endpoint is not set.");
        using var request = _pipeline.CreateRequest();
        request.Method = RequestMethod.Post;
        // Not new Uri(endpoint, "emails:send"): a relative reference with a colon parses as the scheme "emails".
        request.Uri.Reset(new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/emails:send?api-version={_options.Acs.ApiVersion}"));
        request.Headers.Add("operation-id", OperationId(message.IdempotencyKey).ToString());
        request.Headers.Add("Content-Type", "application/json");
        request.Content = RequestContent.Create(Body(message, _options.From));
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status != 202 && response.Status != 200)
        {
            throw new RequestFailedException(response.Status,
                $"Azure Communication Services rejected the email ({response.Status}): {Truncate(response.Content.ToString())}");
        }
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

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "...";

    private sealed class AcsEmailClientOptions : ClientOptions;
}
