using Pipeline.Core.Commitments;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// MACC commitments from Consumption lots (<c>source eq 'ConsumptionCommitment'</c>) of each configured billing account:
/// original amount, term (start to expiration) and balance, as provider-sourced commitments. Property names are read
/// case-insensitively (the service mixes camelCase and PascalCase). Only live lots of the primary organization count:
/// a contributor's view of a shared MACC (<c>OrganizationType</c> / <c>OrgType</c> = Contributor) would count it twice,
/// and an expired, canceled, complete or inactive lot is no commitment. Eligible spend is the rows of
/// <c>Azure:BillingAccountId</c> (the id cost rows carry), else the lot's billing account.
/// </summary>
/// <remarks>
/// A lot's <c>closedBalance</c> is the balance as of the last invoice, not today's; the Consumption events of the last
/// months give the date of that invoice's settlement, kept as <see cref="Commitment.ReportedBalanceAsOf"/>.
/// </remarks>
public sealed class AzureMaccConnector(IOptions<AzureOptions> options, ArmHttp http, TimeProvider time)
{
    /// <summary>Lot statuses that are not a live commitment (Lot <c>status</c> in the Consumption API).</summary>
    private static readonly HashSet<string> Ended = new(StringComparer.OrdinalIgnoreCase) { "Expired", "Canceled", "Complete", "Inactive" };

    /// <summary>Invoices are monthly: the last settlement is within the last three months unless the lot is new.</summary>
    private const int EventsLookbackDays = 95;

    public async Task<IReadOnlyList<Commitment>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var arm = http.NewClient();
        var commitments = new List<Commitment>();
        foreach (var account in o.MaccBillingAccountIds)
        {
            var first = new Uri(o.ManagementEndpoint,
                $"providers/Microsoft.Billing/billingAccounts/{Uri.EscapeDataString(account)}/providers/Microsoft.Consumption/lots?api-version={o.ConsumptionApiVersion}&$filter={Uri.EscapeDataString("source eq 'ConsumptionCommitment'")}");
            var lots = new List<Commitment>();
            await foreach (var page in arm.ListAsync(first, cancellationToken).ConfigureAwait(false))
            {
                foreach (var lot in page.Array("value"))
                {
                    if (ToCommitment(lot, string.IsNullOrWhiteSpace(o.BillingAccountId) ? account : o.BillingAccountId) is { } commitment)
                    {
                        lots.Add(commitment);
                    }
                }
            }

            if (lots.Count > 0)
            {
                var settled = await LastSettlementsAsync(arm, o, account, cancellationToken).ConfigureAwait(false);
                commitments.AddRange(lots.Select(c => settled.TryGetValue(LotName(c), out var s) ? c with { ReportedBalance = s.Balance ?? c.ReportedBalance, ReportedBalanceAsOf = s.Date } : c));
            }
        }

        return commitments;
    }

    /// <summary>Per lot name, the latest Consumption event of the lot with a closed balance: its date and that balance.</summary>
    private async Task<Dictionary<string, (DateOnly Date, decimal? Balance)>> LastSettlementsAsync(ArmClient arm, AzureOptions o, string account, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = new Uri(o.ManagementEndpoint,
            $"providers/Microsoft.Billing/billingAccounts/{Uri.EscapeDataString(account)}/providers/Microsoft.Consumption/events?api-version={o.ConsumptionApiVersion}"
            + $"&startDate={today.AddDays(-EventsLookbackDays):yyyy-MM-dd}&endDate={today:yyyy-MM-dd}&$filter={Uri.EscapeDataString("lotsource eq 'ConsumptionCommitment'")}");
        var latest = new Dictionary<string, (DateOnly Date, decimal? Balance)>(StringComparer.OrdinalIgnoreCase);
        await foreach (var page in arm.ListAsync(first, cancellationToken).ConfigureAwait(false))
        {
            foreach (var e in page.Array("value"))
            {
                var properties = e.Property("properties");
                if (properties?.String("lotId") is not { } lotId || properties.Value.Date("transactionDate") is not { } when
                    || properties.Value.Property("closedBalance") is not { } balance)
                {
                    continue;
                }

                var lot = lotId.TrimEnd('/').Split('/')[^1];
                var date = DateOnly.FromDateTime(when.UtcDateTime);
                if (!latest.TryGetValue(lot, out var seen) || seen.Date <= date)
                {
                    latest[lot] = (date, balance.Number("value"));
                }
            }
        }

        return latest;
    }

    private static string LotName(Commitment c) => c.Id["azure-macc-".Length..];

    internal static Commitment? ToCommitment(JsonElement lot, string billingAccountId)
    {
        var name = lot.RequiredString("name", "MACC lot", AzureProvider.DisplayName);
        var properties = lot.Property("properties") ?? throw new ProviderBadResponseException("Azure", $"MACC lot {name} has no properties");
        var organization = properties.String("OrganizationType") ?? properties.String("OrgType");
        if (string.Equals(organization, "Contributor", StringComparison.OrdinalIgnoreCase) || properties.String("status") is { } status && Ended.Contains(status))
        {
            return null;
        }

        if (properties.Property("originalAmount") is not { } original)
        {
            return null;
        }

        var what = $"MACC lot {name}";
        var amount = original.RequiredNumber("value", what, AzureProvider.DisplayName);
        var currency = CurrencyCodes.Normalize(original.String("currency") ?? string.Empty) ?? throw new ProviderBadResponseException("Azure", $"{what}: currency is not ISO 4217");
        var start = properties.Date("startDate") ?? throw new ProviderBadResponseException("Azure", $"{what} has no startDate");
        var end = properties.Date("expirationDate") ?? throw new ProviderBadResponseException("Azure", $"{what} has no expirationDate");
        return new Commitment
        {
            Id = $"azure-macc-{name}",
            Name = $"Azure MACC {name} ({start:yyyy}-{end:yyyy})",
            ProviderName = AzureProvider.FocusName,
            Currency = currency,
            Periods = [new CommitmentPeriod(DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime), amount)],
            Eligibility = new CommitmentEligibility { BillingAccountIds = [billingAccountId] },
            Origin = "provider",
            ReportedBalance = properties.Property("closedBalance")?.Number("value"),
            ReportedUsed = properties.Property("usedAmount")?.Number("value"),
        };
    }
}
