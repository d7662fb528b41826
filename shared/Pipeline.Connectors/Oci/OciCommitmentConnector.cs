using Pipeline.Core.Commitments;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// Oracle Universal Credits commitments from the OneSubscription API (<c>GET /20190111/commitments</c> per configured
/// subscribed service, home region, <c>opc-next-page</c> paging): term (<c>timeStart</c>..<c>timeEnd</c>), amount
/// (<c>fundedAllocationValue</c>, else used + available) and the used and available amounts Oracle reports, as
/// provider-sourced commitments on the tenancy. In the <c>CommitmentSummary</c> model only <c>id</c> is required and the
/// amounts are optional strings: a missing one is derived from the other two where it can be, and an item that still
/// has no amount or no term is skipped and named in <see cref="CommitmentPull.Skipped"/>, not fatal to the others.
/// The summaries carry no currency, so <c>Oci:Currency</c> applies.
/// </summary>
public sealed class OciCommitmentConnector(IOptions<OciOptions> options, OciHttp http)
{
    public async Task<CommitmentPull> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var api = http.NewClient();
        var commitments = new List<Commitment>();
        var skipped = new List<string>();
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

                foreach (var item in items.EnumerateArray())
                {
                    switch (ReadOrExplain(item, o))
                    {
                        case (Commitment commitment, _):
                            commitments.Add(commitment);
                            break;
                        case (_, string reason):
                            skipped.Add(reason);
                            break;
                    }
                }

                page = pages.Next(next);
            }
            while (page is not null);
        }

        return new CommitmentPull(commitments, skipped);
    }

    private static (Commitment? Commitment, string? Skipped) ReadOrExplain(JsonElement item, OciOptions o)
    {
        try
        {
            return Read(item, o);
        }
        catch (ProviderBadResponseException ex)
        {
            return (null, $"{ex.Message} (skipped)");
        }
    }

    /// <summary>The commitment, or why this item is not one (its id and what is missing).</summary>
    internal static (Commitment? Commitment, string? Skipped) Read(JsonElement item, OciOptions o)
    {
        var id = item.String("id") ?? "(no id)";
        var what = $"OCI commitment {id}";
        var start = item.Date("timeStart");
        var end = item.Date("timeEnd");
        var (funded, used, available) = (Amount(item, "fundedAllocationValue", what), Amount(item, "usedAmount", what), Amount(item, "availableAmount", what));
        var committed = funded ?? used + available;
        if (item.String("id") is null || start is null || end is null || committed is null)
        {
            var missing = new[] { ("id", item.String("id") is null), ("timeStart", start is null), ("timeEnd", end is null), ("amount (fundedAllocationValue, or usedAmount and availableAmount)", committed is null) }
                .Where(m => m.Item2).Select(m => m.Item1);
            return (null, $"{what} skipped: no {string.Join(", no ", missing)}");
        }

        used ??= committed - available;
        available ??= committed - used;
        return (ToCommitment(id, start.Value, end.Value, committed.Value, used, available, o), null);
    }

    private static Commitment ToCommitment(string id, DateTimeOffset start, DateTimeOffset end, decimal committed, decimal? used, decimal? available, OciOptions o) =>
        new Commitment
        {
            Id = $"oci-commitment-{id}",
            Name = $"Oracle Universal Credits {start:yyyy}-{end:yyyy}",
            ProviderName = OciProvider.FocusName,
            Currency = CurrencyCodes.Normalize(o.Currency) ?? o.Currency,
            Periods = [new CommitmentPeriod(DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime), committed)],
            Eligibility = new CommitmentEligibility { BillingAccountIds = [o.TenancyId!] },
            Origin = "provider",
            ReportedBalance = available,
            ReportedUsed = used,
        };

    /// <summary>An optional amount (a string in the API): absent or null is null; present but not a number is the provider's bad response.</summary>
    private static decimal? Amount(JsonElement item, string name, string what) => item.Property(name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } s when decimal.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var d) => d,
        var other => throw new ProviderBadResponseException(OciProvider.DisplayName, $"{what}: {name} '{other}' is not an amount"),
    };
}
