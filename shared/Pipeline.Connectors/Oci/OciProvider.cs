using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Commitments;

namespace Pipeline.Connectors.Oci;

/// <summary>Oracle Cloud: the Usage API until the invoice closes, Universal Credits from OneSubscription, GPU limits per availability domain and compute capacity reservations.</summary>
public sealed class OciProvider(IOptions<OciOptions> options, OciUsageConnector usage, OciLimitsConnector limits, OciReservationsConnector reservations, OciCommitmentConnector commitments)
    : IProviderConnector, IProviderModule
{
    public const string Key = "oci";

    /// <summary>ProviderName in the cost and capacity rows (FOCUS).</summary>
    public const string FocusName = "Oracle";

    /// <summary>How messages and errors name the cloud.</summary>
    public const string DisplayName = "Oracle Cloud";
    public const string CostSchedule = "COSTS_OCI_SCHEDULE";
    public const string CapacitySchedule = "CAPACITY_OCI_SCHEDULE";

    public static ProviderIdentity Identity { get; } = new(
        FocusName, DisplayName, Key, OciOptions.SectionName, OciUsageConnector.Source, "oci-capacity", CostSchedule, CapacitySchedule,
        "Sync OCI commitments, pull costs (Usage API) and GPU limits with the Oci settings");

    ProviderIdentity IProviderConnector.Identity => Identity;

    public bool Enabled => options.Value.Enabled;

    public string BillingAccountId => options.Value.TenancyId ?? string.Empty;

    public string CapacityLocation => $"Oracle {string.Join(", ", options.Value.Regions)}";

    public (DateOnly From, DateOnly To) CostWindow(DateOnly today) => TrailingWindow.UntilInvoiceClose(today, options.Value.WindowDays);

    public Task<CostPull> PullCostsAsync(DateOnly from, DateOnly to, ProviderCallMeter meter, CancellationToken cancellationToken) =>
        usage.PullAsync(from, to, meter, cancellationToken);

    /// <summary>GPU limits and their availability per AD, then the compute capacity reservations, as one snapshot.</summary>
    public async Task<IReadOnlyList<CapacityObservation>> PullCapacityAsync(CancellationToken cancellationToken) =>
        [.. await limits.PullAsync(cancellationToken).ConfigureAwait(false), .. await reservations.PullAsync(cancellationToken).ConfigureAwait(false)];

    /// <summary>Universal Credits, <c>oci-commitment-{id}</c>.</summary>
    public async Task<CommitmentPull?> PullCommitmentsAsync(CancellationToken cancellationToken) =>
        options.Value.SubscribedServiceIds.Count == 0 ? null : await commitments.PullAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><c>availability__{tenancyId}.json</c>: <c>[{limitName, region, availabilityDomain, availability}]</c>.</summary>
    public static IEnumerable<CapacityObservation>? ReadSnapshot(string kind, IReadOnlyList<string> args, JsonElement root, AcceleratorCatalog catalog) => kind switch
    {
        "availability" when args.Count == 1 => root.EnumerateArray().Select(item => OciCapacityParser.Parse(
            item.Property("availability") ?? throw new ProviderBadResponseException(DisplayName, "OCI availability item: 'availability' is missing"), args[0],
            item.RequiredString("region", "OCI availability item", DisplayName), item.RequiredString("availabilityDomain", "OCI availability item", DisplayName),
            item.RequiredString("limitName", "OCI availability item", DisplayName))).ToList(),
        _ => null,
    };

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<OciOptions>().BindConfiguration(OciOptions.SectionName).ValidateDataAnnotations();
        OciHttp.AddHttpClient(services);
        services.AddSingleton<OciUsageConnector>();
        services.AddSingleton<OciLimitsConnector>();
        services.AddSingleton<OciReservationsConnector>();
        services.AddSingleton<OciCommitmentConnector>();
    }
}
