using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Anomalies;
using Pipeline.Application.Capacity;
using Pipeline.Storage.Capacity;
using Pipeline.Application.Commitments;
using Pipeline.Application.Evaluation;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Notifications;
using Pipeline.Application.Watchdog;
using Pipeline.Notifications.Email;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.BurnRate;
using Pipeline.Storage.Commitments;
using Pipeline.Storage.FxRates;
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
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WatchdogOptions>().BindConfiguration(WatchdogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

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

        // The alert rules, each registered with the pass that evaluates it, and the charts their emails embed.
        services.AddAlertRule<CommitmentPass, CommitmentBurnRule>();
        services.AddAlertRule<CommitmentPass, MissingRatesRule>();
        services.AddAlertRule<SpendPass, SpendAnomalyRule>();
        services.AddAlertRule<CapacityPass, QuotaUtilizationRule>();
        services.AddAlertRule<CapacityPass, IdleReservationRule>();
        services.AddAlertRule<CapacityPass, CapacityEndingRule>();
        services.AddAlertRule<CapacityPass, DeliveryBehindRule>();
        services.AddAlertRule<CapacityPass, ReservationShortRule>();
        services.AddAlertChart<CommitmentBurnChart>();
        services.AddSingleton<QueueHealth>();
        services.AddSingleton<WatchdogJob>();
        services.AddSingleton<CommitmentBlobSync>();
        services.AddSingleton<CapacityStore>();
        services.AddSingleton<CapacityIngestion>();
        services.AddSingleton<CapacityEvaluationJob>();
        services.AddSingleton<ApiCostIngestion>();
        services.AddSingleton<ProviderCommitmentSync>();
        services.AddProviders();
        AcsEmailSender.AddHttpClient(services);
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Mode switch
        {
            EmailMode.Smtp => ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp),
            EmailMode.Acs => ActivatorUtilities.CreateInstance<AcsEmailSender>(sp),
            _ => ActivatorUtilities.CreateInstance<PickupFolderEmailSender>(sp),
        });
        return builder;
    }
}
