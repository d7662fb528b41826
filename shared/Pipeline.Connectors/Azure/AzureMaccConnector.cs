using Pipeline.Core.Commitments;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// MACC commitments from Consumption lots (<c>source eq 'ConsumptionCommitment'</c>) of each configured billing account:
/// original amount, term (start to expiration) and balance, as provider-sourced commitments. Property names are read
/// case-insensitively (the service mixes camelCase and PascalCase); contributor views without an amount are skipped.
/// Eligible spend is the rows of <c>Azure:BillingAccountId</c> (the id cost rows carry), else the lot's billing account.
/// </summary>
public sealed class AzureMaccConnector(IOptions<AzureOptions> options, ArmHttp http)
{
    public async Task<IReadOnlyList<Commitment>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var arm = http.NewClient();
        var commitments = new List<Commitment>();
        foreach (var account in o.MaccBillingAccountIds)
        {
            var first = new Uri(o.ManagementEndpoint,
                $"providers/Microsoft.Billing/billingAccounts/{Uri.EscapeDataString(account)}/providers/Microsoft.Consumption/lots?api-version={o.ConsumptionApiVersion}&$filter={Uri.EscapeDataString("source eq 'ConsumptionCommitment'")}");
            await foreach (var page in arm.ListAsync(first, cancellationToken).ConfigureAwait(false))
            {
                foreach (var lot in page.Array("value"))
                {
                    if (ToCommitment(lot, string.IsNullOrWhiteSpace(o.BillingAccountId) ? account : o.BillingAccountId) is { } commitment)
                    {
                        commitments.Add(commitment);
                    }
                }
            }
        }

        return commitments;
    }

    internal static Commitment? ToCommitment(JsonElement lot, string billingAccountId)
    {
        var name = lot.RequiredString("name", "MACC lot", AzureProvider.DisplayName);
        var properties = lot.Property("properties") ?? throw new ProviderBadResponseException("Azure", $"MACC lot {name} has no properties");
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
