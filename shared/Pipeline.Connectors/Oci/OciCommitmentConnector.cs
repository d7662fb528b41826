using Pipeline.Core.Commitments;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// Oracle Universal Credits commitments from the OneSubscription API (<c>GET /20190111/commitments</c> per configured
/// subscribed service, home region, <c>opc-next-page</c> paging): term (<c>timeStart</c>..<c>timeEnd</c>), amount
/// (used + available) and the used and available amounts Oracle reports, as provider-sourced commitments on the tenancy.
/// The API's amounts are strings; its summaries carry no currency, so <c>Oci:Currency</c> applies.
/// </summary>
public sealed class OciCommitmentConnector(IOptions<OciOptions> options, OciHttp http)
{
    public async Task<IReadOnlyList<Commitment>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var api = http.NewClient();
        var commitments = new List<Commitment>();
        foreach (var service in o.SubscribedServiceIds)
        {
            string? page = null;
            var pages = new PageTokens(OciProvider.DisplayName, $"commitments of {service}");
            do
            {
                var uri = new Uri(o.Endpoint(o.IdentityEndpoint, o.HomeRegion!),
                    $"20190111/commitments?subscribedServiceId={Uri.EscapeDataString(service)}&compartmentId={Uri.EscapeDataString(o.TenancyId!)}&limit=500"
                    + (page is null ? string.Empty : "&page=" + Uri.EscapeDataString(page)));
                var (items, next) = await api.SendAsync(HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false);
                if (items.ValueKind != JsonValueKind.Array)
                {
                    throw new ProviderBadResponseException(OciProvider.DisplayName, "the commitments list is not a JSON array");
                }

                commitments.AddRange(items.EnumerateArray().Select(c => ToCommitment(c, o)));
                page = pages.Next(next);
            }
            while (page is not null);
        }

        return commitments;
    }

    internal static Commitment ToCommitment(JsonElement item, OciOptions o)
    {
        var id = item.RequiredString("id", "OCI commitment", OciProvider.DisplayName);
        var what = $"OCI commitment {id}";
        var start = item.Date("timeStart") ?? throw new ProviderBadResponseException(OciProvider.DisplayName, $"{what} has no timeStart");
        var end = item.Date("timeEnd") ?? throw new ProviderBadResponseException(OciProvider.DisplayName, $"{what} has no timeEnd");
        var used = Amount(item, "usedAmount", what);
        var available = Amount(item, "availableAmount", what);
        return new Commitment
        {
            Id = $"oci-commitment-{id}",
            Name = $"Oracle Universal Credits {start:yyyy}-{end:yyyy}",
            ProviderName = OciProvider.FocusName,
            Currency = CurrencyCodes.Normalize(o.Currency) ?? o.Currency,
            Periods = [new CommitmentPeriod(DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime), used + available)],
            Eligibility = new CommitmentEligibility { BillingAccountIds = [o.TenancyId!] },
            Origin = "provider",
            ReportedBalance = available,
            ReportedUsed = used,
        };
    }

    private static decimal Amount(JsonElement item, string name, string what) => item.Property(name) switch
    {
        { ValueKind: JsonValueKind.String } s when decimal.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var d) => d,
        var other => throw new ProviderBadResponseException(OciProvider.DisplayName, $"{what}: {name} '{other}' is not an amount"),
    };
}
