using System.Text.Json.Nodes;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// Daily Oracle Cloud costs from the Usage API (<c>RequestSummarizedUsages</c>, COST, DAILY) in the tenancy's home
/// region, grouped by compartment, service and region, following <c>opc-next-page</c> with the same body. Times are
/// exact UTC midnights (the API refuses anything else). <c>computedAmount</c> is the cost after the contract's
/// discounts, so it is both BilledCost and EffectiveCost (the Usage API has no amortized view). A blank currency
/// (the API sends " ") is the tenancy's <c>Oci:Currency</c>; forecast rows and rows without an amount are skipped.
/// </summary>
public sealed class OciUsageConnector(IOptions<OciOptions> options, OciHttp http)
{
    public const string Source = "oci-usage-api";

    /// <param name="meter">Counts the pull's calls (the ingestion's, so a failed pull still records them); a new one when null.</param>
    public async Task<CostPull> PullAsync(DateOnly from, DateOnly to, ProviderCallMeter? meter = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var api = http.NewClient(meter);
        var body = new JsonObject
        {
            ["tenantId"] = o.TenancyId,
            ["timeUsageStarted"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["timeUsageEnded"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["granularity"] = "DAILY",
            ["queryType"] = "COST",
            ["groupBy"] = new JsonArray("compartmentId", "compartmentName", "service", "region"),
            ["isAggregateByTime"] = false,
        }.ToJsonString();
        var endpoint = o.Endpoint(o.UsageEndpoint, o.HomeRegion!);
        var rows = new List<CostRow>();
        string? page = null;
        var pages = new PageTokens(OciProvider.DisplayName, "RequestSummarizedUsages");
        do
        {
            var uri = new Uri(endpoint, "20200107/usage" + (page is null ? string.Empty : "?page=" + Uri.EscapeDataString(page)));
            var (response, next) = await api.SendAsync(HttpMethod.Post, uri, body, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Array("items"))
            {
                if (ToRow(item, o) is { } row)
                {
                    rows.Add(row);
                }
            }

            page = pages.Next(next);
        }
        while (page is not null);

        return new CostPull(rows);
    }

    internal static CostRow? ToRow(JsonElement item, OciOptions o)
    {
        if (item.Property("isForecast") is { ValueKind: JsonValueKind.True } || item.Property("computedAmount") is null or { ValueKind: JsonValueKind.Null })
        {
            return null;
        }

        var started = item.Date("timeUsageStarted") ?? throw new ProviderBadResponseException(OciProvider.DisplayName, "usage item has no timeUsageStarted");
        if (started.UtcDateTime.TimeOfDay != TimeSpan.Zero)
        {
            throw new ProviderBadResponseException(OciProvider.DisplayName, $"daily usage item starts at {started:u}, not at midnight UTC");
        }

        var day = DateOnly.FromDateTime(started.UtcDateTime);
        var amount = item.Property("computedAmount") is { ValueKind: JsonValueKind.Number } n && n.TryGetDecimal(out var value)
            ? value
            : throw new ProviderBadResponseException(OciProvider.DisplayName, $"computedAmount '{item.Property("computedAmount")}' on {day:yyyy-MM-dd} is not a number");
        var currencyText = item.String("currency")?.Trim();
        var currency = string.IsNullOrEmpty(currencyText)
            ? CurrencyCodes.Normalize(o.Currency) ?? o.Currency
            : CurrencyCodes.Normalize(currencyText) ?? throw new ProviderBadResponseException(OciProvider.DisplayName, $"currency '{currencyText}' on {day:yyyy-MM-dd} is not ISO 4217");
        var period = new DateOnly(day.Year, day.Month, 1);
        var region = item.String("region");
        return new CostRow
        {
            ChargePeriodStart = day, BillingPeriodStart = period, BillingPeriodEnd = period.AddMonths(1), ProviderName = OciProvider.FocusName,
            BillingAccountId = o.TenancyId!, BillingAccountName = o.TenancyName, SubAccountId = item.String("compartmentId"), SubAccountName = item.String("compartmentName"),
            ServiceName = item.String("service"), ServiceCategory = OciServiceCategories.For(item.String("service")),
            RegionId = string.IsNullOrWhiteSpace(region) ? null : region.Trim(), ChargeCategory = "Usage", BillingCurrency = currency,
            BilledCost = amount, EffectiveCost = amount, SourceKind = "api", Source = Source,
        };
    }
}
