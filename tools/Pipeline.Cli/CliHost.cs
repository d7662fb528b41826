using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Application;

namespace Pipeline.Cli;

/// <summary>
/// The CLI's host: the same <see cref="PipelineServiceCollectionExtensions.AddPipeline"/> as the function app,
/// with Azurite on loopback as the default storage. Settings come from <c>pipeline.settings.json</c> and the
/// environment (<c>Storage__ConnectionString</c>, <c>Storage__TableServiceUri</c>, ...), which switch to a real account.
/// </summary>
internal static class CliHost
{
    public const string AzuriteConnectionString = "UseDevelopmentStorage=true";

    public static IHost Build(IDictionary<string, string?>? overrides = null, bool verbose = false, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "pipeline.settings.json"), optional: true)
            .AddJsonFile("pipeline.settings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        if (string.IsNullOrWhiteSpace(builder.Configuration["Storage:ConnectionString"]) && string.IsNullOrWhiteSpace(builder.Configuration["Storage:TableServiceUri"]))
        {
            builder.Configuration["Storage:ConnectionString"] = AzuriteConnectionString;
        }

        // Locally, alerts without owners go to a placeholder inbox rather than nowhere; on Azure the setting is required.
        if (string.IsNullOrWhiteSpace(builder.Configuration["Email:DefaultRecipients:0"]))
        {
            builder.Configuration["Email:DefaultRecipients:0"] = "finops@example.com";
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.Name).AddConsoleFormatter<OneLineConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>()
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);

        // A failed run is the command's own one line (and its exit code); the pipeline's log entry of the same failure
        // would be a second copy of it. --verbose shows them.
        var minimum = verbose ? LogLevel.Information : LogLevel.Warning;
        builder.Logging.AddFilter((category, level) => level >= minimum && (verbose || level < LogLevel.Error || category?.StartsWith("Pipeline.", StringComparison.Ordinal) != true));
        builder.Logging.AddFilter("Azure", LogLevel.Warning);

        // A retried throttle is the pipeline working (the run line reports the throttled seconds); only --verbose shows each one.
        builder.Logging.AddFilter("Polly", verbose ? LogLevel.Information : LogLevel.Error);
        builder.AddPipeline();
        services?.Invoke(builder.Services);
        var host = builder.Build();

        // Options are validated here, as the function app does at start, so bad settings fail before any work.
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pipeline.Storage.StorageOptions>>().Value.ToString();
        return host;
    }
}
