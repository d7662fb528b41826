using System.Text.Json.Nodes;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// Daily costs from Cost Explorer <c>GetCostAndUsage</c>. The call plan (Cost Explorer groups by at most two
/// dimensions, and every call and page costs $0.01):
/// <list type="number">
/// <item>the member accounts: <c>Aws:LinkedAccounts</c>, or one <c>GetDimensionValues(LINKED_ACCOUNT)</c> (paged) that also names them;</item>
/// <item>per account, one <c>GetCostAndUsage</c> (paged) grouped by SERVICE and REGION and filtered to that account,</item>
/// </list>
/// so each row carries linked account, service and region for 1 + accounts calls (plus extra pages) and never more.
/// UnblendedCost becomes BilledCost, NetAmortizedCost (after private-pricing discounts, with RI/SP fees amortized)
/// EffectiveCost; Cost Explorer's Estimated flag becomes <c>x_Estimated</c>. Rows are ChargeCategory Usage except the
/// Tax service: credits and refunds stay netted into their service (the FOCUS export in S3 has them line by line).
/// </summary>
public sealed class AwsCostExplorerConnector(IOptions<AwsOptions> options, AwsHttp http)
{
    public const string Source = "aws-cost-explorer";
    private const string Target = "AWSInsightsIndexService";

    /// <summary>
    /// RECORD_TYPE values of resource usage: the usage itself, usage at reserved or Savings Plans rates, and the
    /// Savings Plans negation that offsets covered usage's on-demand price (kept with the usage it nets out).
    /// </summary>
    public static readonly string[] UsageRecordTypes = ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation"];

    /// <param name="from">First day (inclusive).</param>
    /// <param name="to">Day after the last (exclusive), as Cost Explorer's End.</param>
    /// <param name="meter">Counts every call (each one paid), including those of a pull that fails half-way.</param>
    public async Task<CostPull> PullAsync(DateOnly from, DateOnly to, ProviderCallMeter meter, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var payer = o.PayerAccountId ?? throw new InvalidOperationException("Aws:PayerAccountId is not set.");
        var client = http.NewJsonClient(o.CostExplorerRegion, "ce", o.CostExplorerEndpoint, Target, meter, paid: true);
        var accounts = o.LinkedAccounts.Count > 0
            ? o.LinkedAccounts.Select(a => (Id: a, Name: (string?)null)).ToList()
            : await DiscoverAccountsAsync(client, from, to, cancellationToken).ConfigureAwait(false);

        // One query per account: an account listed (or discovered) twice would have its costs pulled, and summed, twice.
        accounts = accounts.DistinctBy(a => a.Id.Trim(), StringComparer.Ordinal).ToList();

        var rows = new List<CostRow>();
        foreach (var (account, name) in accounts)
        {
            // Usage by service and region; every other record type (credits, refunds, taxes, RI and Savings Plans fees,
            // support, any new one) in a second query, by record type and service: the two groupings are taken above.
            var usage = CostAndUsage(from, to, ["SERVICE", "REGION"], Account(account), RecordTypes());
            var charges = CostAndUsage(from, to, ["RECORD_TYPE", "SERVICE"], Account(account), new JsonObject { ["Not"] = RecordTypes() });
            foreach (var (request, byRecordType) in new[] { (usage, false), (charges, true) })
            {
                await foreach (var page in PagesAsync(client, "GetCostAndUsage", request, cancellationToken).ConfigureAwait(false))
                {
                    rows.AddRange(ReadPage(page.RootElement, payer, account, name, byRecordType));
                    page.Dispose();
                }
            }
        }

        return new CostPull(rows);
    }

    /// <summary>A daily GetCostAndUsage of both cost metrics, grouped by two dimensions, filtered by all of <paramref name="filters"/>.</summary>
    private static JsonObject CostAndUsage(DateOnly from, DateOnly to, string[] groupBy, params JsonObject[] filters) => new()
    {
        ["TimePeriod"] = Period(from, to),
        ["Granularity"] = "DAILY",
        ["Metrics"] = new JsonArray("UnblendedCost", "NetAmortizedCost"),
        ["GroupBy"] = new JsonArray([.. groupBy.Select(key => (JsonNode)new JsonObject { ["Type"] = "DIMENSION", ["Key"] = key })]),
        ["Filter"] = new JsonObject { ["And"] = new JsonArray([.. filters]) },
    };

    private static JsonObject Account(string account) => new() { ["Dimensions"] = new JsonObject { ["Key"] = "LINKED_ACCOUNT", ["Values"] = new JsonArray(account) } };

    private static JsonObject RecordTypes() => new() { ["Dimensions"] = new JsonObject { ["Key"] = "RECORD_TYPE", ["Values"] = new JsonArray([.. UsageRecordTypes.Select(t => (JsonNode)t)]) } };

    /// <summary>
    /// FOCUS ChargeCategory and ChargeClass of a Cost Explorer RECORD_TYPE. A type not listed here is kept as an
    /// Adjustment, never dropped: its amount still belongs to the bill.
    /// </summary>
    public static (string Category, string? Class) FocusCharge(string recordType) => recordType switch
    {
        "Usage" or "DiscountedUsage" or "SavingsPlanCoveredUsage" or "SavingsPlanNegation" => ("Usage", null),
        "Tax" => ("Tax", null),
        "Credit" => ("Credit", null),
        "Refund" => ("Credit", "Correction"),
        "RIFee" or "SavingsPlanRecurringFee" or "SavingsPlanUpfrontFee" or "Fee" or "Support" => ("Purchase", null),
        _ when recordType.Contains("Discount", StringComparison.OrdinalIgnoreCase) => ("Credit", null),
        _ => ("Adjustment", null),
    };

    /// <param name="byRecordType">The page groups by RECORD_TYPE and SERVICE (the other charges), not SERVICE and REGION.</param>
    internal static IEnumerable<CostRow> ReadPage(JsonElement page, string payer, string account, string? accountName, bool byRecordType = false)
    {
        if (page.Property("ResultsByTime") is not { ValueKind: JsonValueKind.Array } results)
        {
            throw new ProviderBadResponseException(AwsProvider.DisplayName, "GetCostAndUsage response has no ResultsByTime array");
        }

        foreach (var result in results.EnumerateArray())
        {
            var startText = result.Property("TimePeriod")?.String("Start")
                            ?? throw new ProviderBadResponseException(AwsProvider.DisplayName, "GetCostAndUsage result has no TimePeriod.Start");
            if (!DateOnly.TryParseExact(startText[..Math.Min(10, startText.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new ProviderBadResponseException(AwsProvider.DisplayName, $"GetCostAndUsage TimePeriod.Start '{startText}' is not a date");
            }

            var estimated = result.Property("Estimated") is { ValueKind: JsonValueKind.True };
            foreach (var group in result.Array("Groups"))
            {
                var keys = group.Array("Keys").Select(k => k.GetString() ?? string.Empty).ToList();
                if (keys.Count != 2)
                {
                    throw new ProviderBadResponseException(AwsProvider.DisplayName,
                        $"GetCostAndUsage group on {day:yyyy-MM-dd} has {keys.Count} keys, expected {(byRecordType ? "RECORD_TYPE and SERVICE" : "SERVICE and REGION")}");
                }

                var (service, region, recordType) = byRecordType ? (keys[1], string.Empty, keys[0]) : (keys[0], keys[1], "Usage");
                var metrics = group.Property("Metrics") ?? throw new ProviderBadResponseException(AwsProvider.DisplayName, $"GetCostAndUsage group {service} has no Metrics");
                var (billed, currency) = Amount(metrics, "UnblendedCost", service, day);
                var (effective, _) = Amount(metrics, "NetAmortizedCost", service, day);
                if (billed == 0 && effective == 0)
                {
                    continue;
                }

                var period = new DateOnly(day.Year, day.Month, 1);
                yield return new CostRow
                {
                    ChargePeriodStart = day,
                    BillingPeriodStart = period,
                    BillingPeriodEnd = period.AddMonths(1),
                    ProviderName = AwsProvider.FocusName,
                    BillingAccountId = payer,
                    SubAccountId = account,
                    SubAccountName = accountName,
                    ServiceName = service,
                    ServiceCategory = AwsServiceCategories.For(service),
                    RegionId = region is "" or "NoRegion" ? null : region,
                    ChargeCategory = byRecordType ? FocusCharge(recordType).Category : service == "Tax" ? "Tax" : "Usage",
                    ChargeClass = byRecordType ? FocusCharge(recordType).Class : null,
                    BillingCurrency = currency,
                    BilledCost = billed,
                    EffectiveCost = effective,
                    Estimated = estimated,
                    SourceKind = "api",
                    Source = Source,
                };
            }
        }
    }

    private static (decimal Amount, string Currency) Amount(JsonElement metrics, string metric, string service, DateOnly day)
    {
        var value = metrics.Property(metric) ?? throw new ProviderBadResponseException(AwsProvider.DisplayName, $"{service} on {day:yyyy-MM-dd} has no {metric}");
        var text = value.String("Amount");
        if (text is null || !AmountParser.TryParse(text, out var amount))
        {
            throw new ProviderBadResponseException(AwsProvider.DisplayName, $"{service} on {day:yyyy-MM-dd}: {metric} amount '{text}' is not a decimal number");
        }

        var unit = value.String("Unit") ?? "USD";
        return (amount, CurrencyCodes.Normalize(unit) ?? throw new ProviderBadResponseException(AwsProvider.DisplayName, $"{service} on {day:yyyy-MM-dd}: unit '{unit}' is not an ISO 4217 currency"));
    }

    private static async Task<List<(string Id, string? Name)>> DiscoverAccountsAsync(AwsJsonClient client, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["TimePeriod"] = Period(from, to), ["Dimension"] = "LINKED_ACCOUNT", ["Context"] = "COST_AND_USAGE" };
        var accounts = new List<(string, string?)>();
        await foreach (var page in PagesAsync(client, "GetDimensionValues", request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in page.RootElement.Array("DimensionValues"))
            {
                accounts.Add((value.RequiredString("Value", "LINKED_ACCOUNT value", AwsProvider.DisplayName), value.Property("Attributes")?.String("description")));
            }

            page.Dispose();
        }

        return accounts;
    }

    private static async IAsyncEnumerable<JsonDocument> PagesAsync(AwsJsonClient client, string operation, JsonObject request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every page is a paid call: a tighter cap than elsewhere.
        var pages = new PageTokens(AwsProvider.DisplayName, operation, maxPages: 1000);
        while (true)
        {
            JsonDocument document;
            try
            {
                document = await client.SendAsync(operation, request.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderRequestException ex) when (ex.Code == "DataUnavailableException")
            {
                throw new ProviderUnavailableException(AwsProvider.DisplayName, $"{operation}: Cost Explorer has no data for this period yet (DataUnavailableException). "
                    + "Enable Cost Explorer in the payer account; data appears within 24 hours.");
            }
            catch (ProviderRequestException ex) when (ex.Code == "BillExpirationException")
            {
                throw new ProviderRequestException(AwsProvider.DisplayName, ex.Code, $"{operation}: the requested period is older than Cost Explorer keeps (13 months); shorten Aws:WindowDays.");
            }

            var token = pages.Next(document.RootElement.String("NextPageToken"));
            yield return document;
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            request["NextPageToken"] = token;
        }
    }

    private static JsonObject Period(DateOnly from, DateOnly to) => new()
    {
        ["Start"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["End"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
