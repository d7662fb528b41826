using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Connectors.Focus;
using Pipeline.Storage;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Queues;
using Pipeline.Storage.Runs;
using Pipeline.Storage.Tables;

namespace Pipeline.Application;

/// <summary>The one composition of the pipeline's services, shared by the function app and the CLI.</summary>
public static class PipelineServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FocusExportOptions>().BindConfiguration(FocusExportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenCredential>(sp => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ManagedIdentityClientId,
        }));

        services.AddSingleton<StorageClients>();
        services.AddSingleton<PipelineTables>();
        services.AddSingleton<CostStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<EvaluationQueue>();

        services.AddSingleton<FocusFileSourceFactory>();
        services.AddSingleton<FocusExportReader>();
        services.AddSingleton<FocusExportIngestion>();
        return builder;
    }
}
