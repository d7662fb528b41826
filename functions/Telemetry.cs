using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Pipeline.Http;

namespace Pipeline.Functions;

/// <summary>
/// OpenTelemetry to Application Insights (host.json <c>telemetryMode: OpenTelemetry</c>). Application Insights has
/// local authentication off, so the exporter signs in with the app's user-assigned identity (<c>AZURE_CLIENT_ID</c>).
/// Outgoing HTTP calls are dependencies, named by provider and call. Without a connection string (locally, in tests)
/// nothing is exported.
/// </summary>
internal static class Telemetry
{
    public const string ProviderTag = "pipeline.provider";
    public const string OperationTag = "pipeline.operation";

    public static FunctionsApplicationBuilder AddTelemetry(this FunctionsApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            return builder;
        }

        var clientId = FunctionsApp.AppIdentityClientId(builder.Configuration);
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddProviderDependencies())
            .UseAzureMonitorExporter(o => o.Credential = string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        return builder;
    }

    /// <summary>
    /// Every outgoing HTTP call as a dependency. The URL keeps scheme, host and path only: a query string can carry a
    /// SAS signature or a page token, and neither belongs in telemetry. Provider calls are named "Provider operation".
    /// </summary>
    public static TracerProviderBuilder AddProviderDependencies(this TracerProviderBuilder tracing) =>
        tracing.AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = Enrich);

    internal static void Enrich(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
            activity.SetTag("url.query", null);
        }

        if (request.Options.TryGetValue(ProviderHttp.ProviderKey, out var provider) && request.Options.TryGetValue(ProviderHttp.OperationKey, out var operation))
        {
            activity.SetTag(ProviderTag, provider);
            activity.SetTag(OperationTag, operation);
            activity.DisplayName = $"{provider} {operation}";
        }
    }
}
