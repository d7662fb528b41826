using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Connectors.Aws;

/// <summary>AWS: Cost Explorer costs over a plain trailing window, GPU quotas and reservations from Service Quotas and EC2.</summary>
public sealed class AwsProvider(IOptions<AwsOptions> options, AwsCostExplorerConnector costs, AwsCapacityConnector capacity) : IProviderConnector, IProviderModule
{
    public const string Key = "aws";

    /// <summary>ProviderName in the cost and capacity rows (FOCUS).</summary>
    public const string FocusName = "AWS";

    /// <summary>How messages and errors name the cloud.</summary>
    public const string DisplayName = "AWS";
    public const string CostSchedule = "COSTS_AWS_SCHEDULE";
    public const string CapacitySchedule = "CAPACITY_AWS_SCHEDULE";

    public static ProviderIdentity Identity { get; } = new(
        FocusName, DisplayName, Key, AwsOptions.SectionName, AwsCostExplorerConnector.Source, "aws-capacity", CostSchedule, CapacitySchedule,
        "Pull AWS costs (Cost Explorer) and GPU capacity with the Aws settings");

    ProviderIdentity IProviderConnector.Identity => Identity;

    public bool Enabled => options.Value.Enabled;

    public string BillingAccountId => options.Value.PayerAccountId ?? string.Empty;

    public string CapacityLocation => $"AWS {string.Join(", ", options.Value.EffectiveRegions)}";

    // Cost Explorer has no invoice to wait for: finalized amounts simply stop changing, so a plain window suffices.
    public (DateOnly From, DateOnly To) CostWindow(DateOnly today) => TrailingWindow.Plain(today, options.Value.WindowDays);

    public Task<CostPull> PullCostsAsync(DateOnly from, DateOnly to, ProviderCallMeter meter, CancellationToken cancellationToken) =>
        costs.PullAsync(from, to, meter, cancellationToken);

    public Task<IReadOnlyList<CapacityObservation>> PullCapacityAsync(CancellationToken cancellationToken) => capacity.PullAsync(cancellationToken);

    public static IEnumerable<CapacityObservation>? ReadSnapshot(string kind, IReadOnlyList<string> args, JsonElement root, AcceleratorCatalog catalog) => kind switch
    {
        "servicequotas" => AwsCapacityParser.ParseServiceQuotas(root, args.Count > 0 ? args[0] : "unknown"),
        "capacity-reservations" => AwsCapacityParser.ParseCapacityReservations(root),
        _ => null,
    };

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<AwsCredentialsFactory>();
        AwsHttp.AddHttpClient(services);
        services.AddSingleton<AwsCostExplorerConnector>();
        services.AddSingleton<AwsCapacityConnector>();
    }
}
