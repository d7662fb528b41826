using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Commitments;

namespace Pipeline.Connectors.Azure;

/// <summary>Azure: Cost Management costs until the invoice closes, MACC lots as commitments, GPU family quotas and capacity reservations.</summary>
public sealed class AzureProvider(IOptions<AzureOptions> options, AzureCostManagementConnector costs, AzureMaccConnector macc, AzureCapacityConnector capacity)
    : IProviderConnector, IProviderModule
{
    public const string Key = "azure";

    /// <summary>ProviderName in the cost and capacity rows (FOCUS).</summary>
    public const string FocusName = "Microsoft";

    /// <summary>How messages and errors name the cloud.</summary>
    public const string DisplayName = "Azure";
    public const string CostSchedule = "COSTS_AZURE_SCHEDULE";
    public const string CapacitySchedule = "CAPACITY_AZURE_SCHEDULE";

    public static ProviderIdentity Identity { get; } = new(
        FocusName, DisplayName, Key, AzureOptions.SectionName, AzureCostManagementConnector.Source, "azure-capacity", CostSchedule, CapacitySchedule,
        "Sync Azure MACC lots, pull costs (Cost Management) and GPU capacity with the Azure settings");

    ProviderIdentity IProviderConnector.Identity => Identity;

    public bool Enabled => options.Value.Enabled;

    public string BillingAccountId => options.Value.BillingAccountId ?? string.Empty;

    public string CapacityLocation => $"Azure {string.Join(", ", options.Value.Subscriptions)}";

    public (DateOnly From, DateOnly To) CostWindow(DateOnly today) => TrailingWindow.UntilInvoiceClose(today, options.Value.WindowDays);

    // Cost Management queries are free: the pull counts them as API calls, none as paid.
    public Task<CostPull> PullCostsAsync(DateOnly from, DateOnly to, ProviderCallMeter meter, CancellationToken cancellationToken) =>
        costs.PullAsync(from, to, meter, cancellationToken);

    public Task<IReadOnlyList<CapacityObservation>> PullCapacityAsync(CancellationToken cancellationToken) => capacity.PullAsync(cancellationToken);

    /// <summary>MACC lots, <c>azure-macc-{lot name}</c>.</summary>
    public async Task<CommitmentPull?> PullCommitmentsAsync(CancellationToken cancellationToken) =>
        options.Value.MaccBillingAccountIds.Count == 0 ? null : CommitmentPull.Of(await macc.PullAsync(cancellationToken).ConfigureAwait(false));

    public static IEnumerable<CapacityObservation>? ReadSnapshot(string kind, IReadOnlyList<string> args, JsonElement root, AcceleratorCatalog catalog) => kind switch
    {
        "usages" when args.Count == 2 => AzureCapacityParser.ParseUsages(root, args[0], args[1], catalog),
        "capacity-reservations" => AzureCapacityParser.ParseCapacityReservations(root),
        _ => null,
    };

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<AzureOptions>().BindConfiguration(AzureOptions.SectionName).ValidateDataAnnotations();
        services.AddProviderHttpClient(ArmHttp.ClientName, _ => ArmErrorClassifier.Instance,
            sp => new ProviderRetryOptions(sp.GetRequiredService<IOptions<AzureOptions>>().Value.RetryBudget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)),
            sp => new BearerTokenHandler(sp.GetRequiredService<TokenCredential>(),
                sp.GetRequiredService<IOptions<AzureOptions>>().Value.ManagementScope, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ArmHttp>();
        services.AddSingleton<AzureCostManagementConnector>();
        services.AddSingleton<AzureMaccConnector>();
        services.AddSingleton<AzureCapacityConnector>();
    }
}
