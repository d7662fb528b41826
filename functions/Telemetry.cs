using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace Pipeline.Functions;

/// <summary>
/// OpenTelemetry to Application Insights (host.json <c>telemetryMode: OpenTelemetry</c>). Application Insights has
/// local authentication off, so the exporter signs in with the app's user-assigned identity (<c>AZURE_CLIENT_ID</c>).
/// Without a connection string (locally, in tests) nothing is exported.
/// </summary>
internal static class Telemetry
{
    public static FunctionsApplicationBuilder AddTelemetry(this FunctionsApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            return builder;
        }

        var clientId = builder.Configuration["AZURE_CLIENT_ID"];
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(o => o.Credential = string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        return builder;
    }
}
