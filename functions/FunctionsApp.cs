using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application;

namespace Pipeline.Functions;

/// <summary>
/// The function app's host, composed in one place: Program.cs builds and runs it; tests build the same host with the
/// settings the compiled template writes.
/// </summary>
internal static class FunctionsApp
{
    /// <param name="configure">Runs before anything reads configuration (tests add the template's settings there).</param>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.ValidateSchedules();
        builder.AddPipeline();
        builder.UseAppIdentity();
        builder.AddTelemetry();
        builder.UseMiddleware<ScrubExceptionsMiddleware>();
        return builder;
    }

    /// <summary>
    /// In Azure the app signs in as its user-assigned identity and nothing else: <see cref="ManagedIdentityCredential"/>
    /// with the client id the template sets, instead of <see cref="DefaultAzureCredential"/> probing environment,
    /// workload identity and developer sign-ins first (slower, and a stray variable could pick another identity).
    /// Without a client id (<c>func start</c> on a laptop) the pipeline's default credential stays.
    /// </summary>
    public static IHostApplicationBuilder UseAppIdentity(this IHostApplicationBuilder builder)
    {
        var clientId = AppIdentityClientId(builder.Configuration);
        if (clientId is not null)
        {
            builder.Services.AddSingleton<TokenCredential>(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        }

        return builder;
    }

    public static string? AppIdentityClientId(IConfiguration configuration) =>
        new[] { configuration["Storage:ManagedIdentityClientId"], configuration["AZURE_CLIENT_ID"] }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
