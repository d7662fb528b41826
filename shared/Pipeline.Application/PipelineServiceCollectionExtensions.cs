using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Application.Alerts;
using Pipeline.Application.Anomalies;
using Pipeline.Application.Capacity;
using Pipeline.Storage.Capacity;
using Pipeline.Application.Commitments;
using Pipeline.Application.Evaluation;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Notifications;
using Pipeline.Application.Watchdog;
using Pipeline.Core.Alerts;
using Pipeline.Notifications.Email;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.BurnRate;
using Pipeline.Storage.Commitments;
using Pipeline.Storage.FxRates;
using Pipeline.Application.Options;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Gcp;
using Pipeline.Connectors.Gcp.Auth;
using Pipeline.Connectors.Oci;
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
    private const string GcpHttpKey = "gcp";

    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FocusExportOptions>().BindConfiguration(FocusExportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WatchdogOptions>().BindConfiguration(WatchdogOptions.SectionName);
        services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AzureOptions>().BindConfiguration(AzureOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GcpOptions>().BindConfiguration(GcpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OciOptions>().BindConfiguration(OciOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

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
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<CommitmentStore>();
        services.AddSingleton<BurnRateStore>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<FxRateStore>();

        services.AddSingleton<FocusFileSourceFactory>();
        services.AddSingleton<FocusExportReader>();
        services.AddSingleton<FocusExportIngestion>();

        services.AddSingleton(sp => new AlertPolicy(sp.GetRequiredService<IOptions<AlertOptions>>().Value.Cooldown));
        services.AddSingleton<AlertService>();
        services.AddSingleton<CommitmentImport>();
        services.AddSingleton<CommitmentEvaluator>();
        services.AddSingleton<SpendAnomalyJob>();
        services.AddSingleton<CommitmentEvaluationJob>();
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<QueueHealth>();
        services.AddSingleton<WatchdogJob>();
        services.AddSingleton<CommitmentBlobSync>();
        services.AddSingleton<CapacityStore>();
        services.AddSingleton<CapacityIngestion>();
        services.AddSingleton<CapacityEvaluationJob>();
        services.AddSingleton<ApiCostIngestion>();
        services.AddSingleton<AwsCredentialsFactory>();
        services.AddSingleton<AwsCostExplorerConnector>();
        services.AddSingleton<AwsCapacityConnector>();
        services.AddSingleton<AwsIngestion>();
        services.AddSingleton<AzureCostManagementConnector>();
        services.AddSingleton<AzureMaccConnector>();
        services.AddSingleton<AzureCapacityConnector>();
        services.AddSingleton<AzureIngestion>();
        services.AddKeyedSingleton(GcpHttpKey, (_, _) => new HttpClient { Timeout = TimeSpan.FromMinutes(2) });
        services.AddSingleton<IGoogleAccessTokenSource>(sp => GoogleTokenSourceFactory.Create(sp.GetRequiredService<IOptions<GcpOptions>>().Value,
            sp.GetRequiredService<TokenCredential>(), sp.GetRequiredKeyedService<HttpClient>(GcpHttpKey), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new GcpCostConnector(sp.GetRequiredService<IOptions<GcpOptions>>(), sp.GetRequiredService<IGoogleAccessTokenSource>(),
            sp.GetRequiredKeyedService<HttpClient>(GcpHttpKey), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new GcpCapacityConnector(sp.GetRequiredService<IOptions<GcpOptions>>(), sp.GetRequiredService<IGoogleAccessTokenSource>(),
            sp.GetRequiredKeyedService<HttpClient>(GcpHttpKey), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GcpIngestion>();
        services.AddSingleton(sp => new OciHttpClientProvider(sp.GetRequiredService<IOptions<OciOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OciUsageConnector>();
        services.AddSingleton<OciLimitsConnector>();
        services.AddSingleton<OciCommitmentConnector>();
        services.AddSingleton<ProviderCommitmentSync>();
        services.AddSingleton<OciIngestion>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Mode switch
        {
            EmailMode.Smtp => ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp),
            EmailMode.Acs => new AcsEmailSender(sp.GetRequiredService<IOptions<EmailOptions>>(), sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<TimeProvider>()),
            _ => ActivatorUtilities.CreateInstance<PickupFolderEmailSender>(sp),
        });
        return builder;
    }
}
