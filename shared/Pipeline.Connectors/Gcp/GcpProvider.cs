using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Gcp.Auth;

namespace Pipeline.Connectors.Gcp;

/// <summary>Google Cloud: the BigQuery billing export until the invoice closes, GPU quotas and reservations from Compute Engine.</summary>
public sealed class GcpProvider(IOptions<GcpOptions> options, GcpCostConnector costs, GcpCapacityConnector capacity) : IProviderConnector, IProviderModule
{
    public const string Key = "gcp";

    /// <summary>ProviderName in the cost and capacity rows (FOCUS).</summary>
    public const string FocusName = "Google Cloud";

    /// <summary>How messages and errors name the cloud.</summary>
    public const string DisplayName = "Google Cloud";
    public const string CostSchedule = "COSTS_GCP_SCHEDULE";
    public const string CapacitySchedule = "CAPACITY_GCP_SCHEDULE";

    public static ProviderIdentity Identity { get; } = new(
        FocusName, DisplayName, Key, GcpOptions.SectionName, GcpCostConnector.Source, "gcp-capacity", CostSchedule, CapacitySchedule,
        "Pull Google Cloud costs (BigQuery billing export) and GPU capacity with the Gcp settings");

    ProviderIdentity IProviderConnector.Identity => Identity;

    public bool Enabled => options.Value.Enabled;

    public bool CostsConfigured => Enabled && !string.IsNullOrWhiteSpace(options.Value.ExportTable);

    public string BillingAccountId => options.Value.BillingAccountId ?? string.Empty;

    public string CapacityLocation => $"Google Cloud {string.Join(", ", options.Value.Projects)}";

    public (DateOnly From, DateOnly To) CostWindow(DateOnly today) => TrailingWindow.UntilInvoiceClose(today, options.Value.WindowDays);

    public Task<CostPull> PullCostsAsync(DateOnly from, DateOnly to, ProviderCallMeter meter, CancellationToken cancellationToken) =>
        costs.PullAsync(from, to, meter, cancellationToken);

    public Task<IReadOnlyList<CapacityObservation>> PullCapacityAsync(CancellationToken cancellationToken) => capacity.PullAsync(cancellationToken);

    public static IEnumerable<CapacityObservation>? ReadSnapshot(string kind, IReadOnlyList<string> args, JsonElement root, AcceleratorCatalog catalog) => kind switch
    {
        "region" when args.Count == 2 => GcpCapacityParser.ParseRegion(root, args[0]),
        "reservations" when args.Count == 1 => GcpCapacityParser.ParseReservations(root, args[0]),
        _ => null,
    };

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<GcpOptions>().BindConfiguration(GcpOptions.SectionName).ValidateDataAnnotations();
        GcpHttp.AddHttpClient(services);
        services.AddSingleton<IGoogleAccessTokenSource>(sp => GoogleTokenSourceFactory.Create(sp.GetRequiredService<IOptions<GcpOptions>>().Value,
            sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient(GcpHttp.AuthClientName), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GcpCostConnector>();
        services.AddSingleton<GcpCapacityConnector>();
    }
}
