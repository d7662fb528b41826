using System.Text.Json.Nodes;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Azure;

/// <summary>
/// Daily costs from the Cost Management Query API (<c>POST {scope}/providers/Microsoft.CostManagement/query</c>).
/// The plan (a query groups by at most two dimensions and Daily granularity covers at most 31 days): per scope and
/// 31-day slice, one ActualCost query grouped by SubscriptionId and SubscriptionName to list the subscriptions, then per subscription and 31-day slice
/// one ActualCost (-> BilledCost) and one AmortizedCost (-> EffectiveCost) query grouped by ServiceName and
/// ResourceLocation, filtered to the subscription. Queries are spaced by <c>Azure:MinSecondsBetweenQueries</c>
/// (the per-scope budget); <c>nextLink</c> pages are POSTed with the same body; 204 is an empty result. Columns are
/// read by name (alias or source name), UsageDate as a yyyyMMdd number. Service categories and regions are mapped
/// with the FinOps toolkit's open data.
/// Every day is owned by exactly one slice: a row dated outside the slice it answered is dropped (its own slice's
/// query returns it), so a day is never summed twice however the service rounds a time period; a subscription reached
/// through two scopes (a billing account and the subscription itself) is pulled once.
/// </summary>
/// <remarks>
/// Charge types, with the two-grouping limit: the per-subscription queries are filtered to the usage charge types
/// (<see cref="UsageChargeTypes"/>), and one more query per scope, slice and cost type, grouped by ChargeType and
/// SubscriptionId and filtered to the other charge types, keeps purchases, refunds, taxes and adjustments, with or
/// without a subscription (those without are the billing scope's own). Then the same query without any grouping gives
/// the scope's total, which must equal what was pulled for it, per currency: a charge type the pull does not know, or
/// rows the service left out of a grouping, fail the run naming both totals, and nothing is replaced.
/// </remarks>
public sealed class AzureCostManagementConnector(IOptions<AzureOptions> options, ArmHttp http, TimeProvider time)
{
    public const string Source = "azure-cost-management";

    private static readonly string[] s_costColumns = ["Cost", "PreTaxCost", "totalCost", "CostInBillingCurrency"];

    /// <summary>Charge types of resource usage (the amortized view adds the unused parts of reservations and savings plans).</summary>
    public static readonly string[] UsageChargeTypes = ["Usage", "UnusedReservation", "UnusedSavingsPlan"];

    /// <summary>Every other charge type Cost Management reports (ChargeType dimension).</summary>
    public static readonly string[] OtherChargeTypes = ["Purchase", "Refund", "Tax", "Adjustment", "RoundingAdjustment", "Credit"];

    /// <summary>The largest difference per currency between the pulled rows and the scope's total that is rounding, not missing cost.</summary>
    public const decimal ReconciliationTolerance = 0.01m;

    /// <param name="meter">Counts the pull's calls (the ingestion's, so a failed pull still records them); a new one when null.</param>
    public async Task<CostPull> PullAsync(DateOnly from, DateOnly to, ProviderCallMeter? meter = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var arm = http.NewClient(meter);
        var pacer = new QueryPacer(TimeSpan.FromSeconds(o.MinSecondsBetweenQueries), time);
        var cells = new Dictionary<CellKey, (decimal Billed, decimal Effective, string? SubName)>();
        var pulledSubscriptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Billing scopes first: a subscription scope they already cover is then skipped whole (its charges came with them).
        foreach (var scope in o.Scopes.OrderBy(s => s.StartsWith("subscriptions/", StringComparison.OrdinalIgnoreCase) ? 1 : 0))
        {
            var isSubscriptionScope = scope.StartsWith("subscriptions/", StringComparison.OrdinalIgnoreCase);
            if (isSubscriptionScope && IsWholeSubscription(scope) && pulledSubscriptions.Contains(scope.Split('/')[1]))
            {
                continue;
            }

            var queries = new ScopeQueries(arm, pacer, scope, o.QueryApiVersion);
            var subscriptions = isSubscriptionScope
                ? [(Id: scope.Split('/')[1], Name: (string?)null)]
                : await SubscriptionsAsync(queries, from, to, cancellationToken).ConfigureAwait(false);
            var names = subscriptions.ToDictionary(s => s.Id, s => s.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var (sliceFrom, sliceTo) in Slices(from, to))
            {
                foreach (var type in new[] { "ActualCost", "AmortizedCost" })
                {
                    var pulled = new Dictionary<string, decimal>(StringComparer.Ordinal);
                    void Add(CellKey key, decimal cost, string? subscriptionName)
                    {
                        var (billed, effective, _) = cells.GetValueOrDefault(key);
                        cells[key] = type == "ActualCost" ? (billed + cost, effective, subscriptionName) : (billed, effective + cost, subscriptionName);
                        pulled[key.Currency] = pulled.GetValueOrDefault(key.Currency) + cost;
                    }

                    // The pricing models present decide whether usage is split by a PricingModel filter (only then, as each
                    // split repeats every subscription's query).
                    var models = await PricingModelsAsync(queries, type, sliceFrom, sliceTo, cancellationToken).ConfigureAwait(false);
                    // A row without a model cannot be filtered for; when models are split, one would be missed, and the
                    // reconciliation below would fail the run naming the difference rather than lose it silently.
                    (string? Filter, string? Category)[] splits = models.Count > 1
                        ? [.. models.OfType<string>().Select(m => ((string?)m, PricingCategory(m)))]
                        : [(null, PricingCategory(models.SingleOrDefault()))];
                    foreach (var (subscription, subscriptionName) in subscriptions)
                    {
                        foreach (var (model, pricingCategory) in splits)
                        {
                            var body = Query(type, sliceFrom, sliceTo, ["ServiceName", "ResourceLocation"], isSubscriptionScope ? null : subscription, UsageChargeTypes, model);
                            await foreach (var row in queries.SliceAsync(body, sliceFrom, sliceTo, cancellationToken).ConfigureAwait(false))
                            {
                                // Keyed by canonical region: the two cost types may spell a location differently ("US East" / "eastus").
                                Add(new CellKey(row.Day, subscription, row.Get("ServiceName") ?? "(unknown)", AzureOpenData.Region(row.Get("ResourceLocation")), row.Currency, "Usage",
                                    pricingCategory), row.Cost, subscriptionName);
                            }
                        }
                    }

                    // Purchases, refunds, taxes, adjustments: per charge type and subscription, kept where there is none.
                    var charges = Query(type, sliceFrom, sliceTo, ["ChargeType", "SubscriptionId"], null, OtherChargeTypes);
                    await foreach (var row in queries.SliceAsync(charges, sliceFrom, sliceTo, cancellationToken).ConfigureAwait(false))
                    {
                        var chargeType = row.Get("ChargeType") ?? throw new ProviderBadResponseException(AzureProvider.DisplayName, "a charges query row has no ChargeType");
                        var subscription = row.Get("SubscriptionId") is { Length: > 0 } id ? id : null;
                        Add(new CellKey(row.Day, subscription ?? string.Empty, null, (null, null), row.Currency, chargeType, null), row.Cost,
                            subscription is null ? null : names.GetValueOrDefault(subscription));
                    }

                    await ReconcileAsync(queries, type, sliceFrom, sliceTo, pulled, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var (subscription, _) in subscriptions.Where(_ => IsWholeSubscription(scope)))
            {
                pulledSubscriptions.Add(subscription);
            }
        }

        var rows = cells.Where(c => c.Value.Billed != 0 || c.Value.Effective != 0).Select(c =>
        {
            var (id, name) = c.Key.Region;
            var period = new DateOnly(c.Key.Day.Year, c.Key.Day.Month, 1);
            var (category, chargeClass) = FocusCharge(c.Key.ChargeType);
            return new CostRow
            {
                ChargePeriodStart = c.Key.Day, BillingPeriodStart = period, BillingPeriodEnd = period.AddMonths(1), ProviderName = AzureProvider.FocusName,
                BillingAccountId = o.BillingAccountId ?? "unknown", BillingAccountName = o.BillingAccountName,
                SubAccountId = c.Key.Sub.Length == 0 ? null : c.Key.Sub, SubAccountName = c.Value.SubName,
                ServiceName = c.Key.Service, ServiceCategory = c.Key.Service is null ? null : AzureOpenData.ServiceCategory(c.Key.Service), RegionId = id, RegionName = name,
                ChargeCategory = category, ChargeClass = chargeClass, PricingCategory = c.Key.PricingCategory, BillingCurrency = c.Key.Currency, BilledCost = c.Value.Billed, EffectiveCost = c.Value.Effective,
                SourceKind = "api", Source = Source,
            };
        }).ToList();
        return new CostPull(rows);
    }

    /// <summary>FOCUS ChargeCategory and ChargeClass of a Cost Management ChargeType (a refund is a purchase's correction).</summary>
    public static (string Category, string? Class) FocusCharge(string chargeType) => chargeType.ToLowerInvariant() switch
    {
        "usage" or "unusedreservation" or "unusedsavingsplan" => ("Usage", null),
        "purchase" => ("Purchase", null),
        "refund" => ("Purchase", "Correction"),
        "tax" => ("Tax", null),
        "credit" => ("Credit", null),
        _ => ("Adjustment", null),
    };

    /// <summary>
    /// The scope's total of the slice, from the same query without groupings, against what was pulled for it: per
    /// currency, equal within <see cref="ReconciliationTolerance"/>, or the pull fails with both totals.
    /// </summary>
    private static async Task ReconcileAsync(ScopeQueries queries, string type, DateOnly from, DateOnly to, Dictionary<string, decimal> pulled, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var row in queries.SliceAsync(Query(type, from, to, [], null, null), from, to, cancellationToken).ConfigureAwait(false))
        {
            totals[row.Currency] = totals.GetValueOrDefault(row.Currency) + row.Cost;
        }

        foreach (var currency in totals.Keys.Union(pulled.Keys))
        {
            var (total, sum) = (totals.GetValueOrDefault(currency), pulled.GetValueOrDefault(currency));
            if (Math.Abs(total - sum) > ReconciliationTolerance)
            {
                throw new ProviderBadResponseException(AzureProvider.DisplayName,
                    $"{type} of {queries.Scope} for {from:yyyy-MM-dd}..{to.AddDays(-1):yyyy-MM-dd}: the pulled rows total {sum.ToString("0.00", CultureInfo.InvariantCulture)} {currency} "
                    + $"but the same query without groupings totals {total.ToString("0.00", CultureInfo.InvariantCulture)} {currency}; nothing was replaced (a charge type the pull does not know, or rows missing from a grouping)");
            }
        }
    }

    private sealed record CellKey(DateOnly Day, string Sub, string? Service, (string? Id, string? Name) Region, string Currency, string ChargeType, string? PricingCategory);

    /// <summary>FOCUS PricingCategory of a Cost Management PricingModel (null where the model is not known).</summary>
    public static string? PricingCategory(string? pricingModel) => pricingModel?.ToLowerInvariant() switch
    {
        "ondemand" => "Standard",
        "reservation" or "savingsplan" => "Committed",
        "spot" => "Dynamic",
        _ => null,
    };

    /// <summary>The pricing models of the scope's usage in the slice (one query grouped by PricingModel); empty names count as none.</summary>
    private static async Task<List<string?>> PricingModelsAsync(ScopeQueries queries, string type, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var models = new HashSet<string?>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in queries.SliceAsync(Query(type, from, to, ["PricingModel"], null, UsageChargeTypes), from, to, cancellationToken).ConfigureAwait(false))
        {
            models.Add(row.Get("PricingModel") is { Length: > 0 } model ? model : null);
        }

        return [.. models.OrderBy(m => m, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>A billing scope (all its subscriptions) or <c>subscriptions/{id}</c>; not a resource group, which is part of one.</summary>
    private static bool IsWholeSubscription(string scope) =>
        !scope.StartsWith("subscriptions/", StringComparison.OrdinalIgnoreCase) || scope.TrimEnd('/').Count(c => c == '/') == 1;

    /// <summary>Daily queries cover at most 31 days: split [from, to) into slices.</summary>
    internal static IEnumerable<(DateOnly From, DateOnly To)> Slices(DateOnly from, DateOnly to)
    {
        for (var start = from; start < to; start = start.AddDays(31))
        {
            yield return (start, start.AddDays(31) < to ? start.AddDays(31) : to);
        }
    }

    private static async Task<List<(string Id, string? Name)>> SubscriptionsAsync(ScopeQueries queries, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // Every slice of the window: a subscription that had spend only early in it must still be pulled, or the
        // window replacement would delete its stored rows.
        var subscriptions = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (sliceFrom, sliceTo) in Slices(from, to))
        {
            await foreach (var row in queries.RowsAsync(Query("ActualCost", sliceFrom, sliceTo, ["SubscriptionId", "SubscriptionName"], null, null), cancellationToken).ConfigureAwait(false))
            {
                if (row.Get("SubscriptionId") is { Length: > 0 } id)
                {
                    subscriptions[id] = row.Get("SubscriptionName");
                }
            }
        }

        return subscriptions.Select(s => (s.Key, s.Value)).ToList();
    }

    private static JsonObject Query(string type, DateOnly from, DateOnly to, string[] grouping, string? subscription, string[]? chargeTypes, string? pricingModel = null)
    {
        var query = new JsonObject
        {
            ["type"] = type,
            ["timeframe"] = "Custom",
            ["timePeriod"] = new JsonObject
            {
                ["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
                ["to"] = to.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59Z",
            },
            ["dataset"] = new JsonObject
            {
                ["granularity"] = "Daily",
                ["aggregation"] = new JsonObject { ["totalCost"] = new JsonObject { ["name"] = "Cost", ["function"] = "Sum" } },
            },
        };
        if (grouping.Length > 0)
        {
            query["dataset"]!["grouping"] = new JsonArray(grouping.Select(g => (JsonNode)new JsonObject { ["type"] = "Dimension", ["name"] = g }).ToArray());
        }

        var filters = new List<JsonObject>();
        if (subscription is not null)
        {
            filters.Add(new JsonObject { ["dimensions"] = new JsonObject { ["name"] = "SubscriptionId", ["operator"] = "In", ["values"] = new JsonArray(subscription) } });
        }

        if (chargeTypes is not null)
        {
            filters.Add(new JsonObject { ["dimensions"] = new JsonObject { ["name"] = "ChargeType", ["operator"] = "In", ["values"] = new JsonArray([.. chargeTypes.Select(t => (JsonNode)t)]) } });
        }

        if (pricingModel is not null)
        {
            filters.Add(new JsonObject { ["dimensions"] = new JsonObject { ["name"] = "PricingModel", ["operator"] = "In", ["values"] = new JsonArray(pricingModel) } });
        }

        if (filters.Count == 1)
        {
            query["dataset"]!["filter"] = filters[0];
        }
        else if (filters.Count > 1)
        {
            query["dataset"]!["filter"] = new JsonObject { ["and"] = new JsonArray([.. filters]) };
        }

        return query;
    }

    /// <summary>The queries of one scope: POSTed through the pacer, every <c>nextLink</c> page followed, rows read by column name.</summary>
    private sealed class ScopeQueries(ArmClient arm, QueryPacer pacer, string scope, string apiVersion)
    {
        public string Scope => scope;

        /// <summary>The rows dated in [<paramref name="from"/>, <paramref name="to"/>): each day belongs to the slice that asked for it.</summary>
        public IAsyncEnumerable<QueryRow> SliceAsync(JsonObject body, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
            RowsAsync(body, cancellationToken).Where(r => r.Day >= from && r.Day < to);

        public async IAsyncEnumerable<QueryRow> RowsAsync(JsonObject body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Uri? next = new(arm.Endpoint, $"{scope.Trim('/')}/providers/Microsoft.CostManagement/query?api-version={apiVersion}");
            var text = body.ToJsonString();
            var pages = new PageTokens(AzureProvider.DisplayName, $"{scope} query");
            while (next is not null)
            {
                await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
                using var document = await arm.SendAsync(HttpMethod.Post, next, text, cancellationToken).ConfigureAwait(false);
                if (document is null)
                {
                    yield break;
                }

                var properties = document.RootElement.Property("properties") ?? throw new ProviderBadResponseException("Azure", "query response has no properties");
                foreach (var row in ReadRows(properties))
                {
                    yield return row;
                }

                next = pages.Next(properties.String("nextLink") is { Length: > 0 } link ? new Uri(link) : null);
            }
        }
    }

    internal static IEnumerable<QueryRow> ReadRows(JsonElement properties)
    {
        var columns = properties.Array("columns").Select(c => c.RequiredString("name", "query column", AzureProvider.DisplayName)).ToList();
        int Index(params string[] names) => names.Select(n => columns.FindIndex(c => c.Equals(n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(i => i >= 0, -1);
        var cost = Index(s_costColumns);
        var date = Index("UsageDate");
        var currency = Index("Currency", "BillingCurrency");
        if (cost < 0 || date < 0)
        {
            throw new ProviderBadResponseException("Azure", $"query result has no cost or UsageDate column (columns: {string.Join(", ", columns)})");
        }

        foreach (var row in properties.Array("rows"))
        {
            var values = row.EnumerateArray().ToList();
            if (values.Count != columns.Count)
            {
                throw new ProviderBadResponseException("Azure", $"query row has {values.Count} values for {columns.Count} columns");
            }

            var usageDate = values[date].ToString();
            if (!DateOnly.TryParseExact(usageDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new ProviderBadResponseException("Azure", $"UsageDate '{usageDate}' is not a yyyyMMdd number");
            }

            if (values[cost].ValueKind != JsonValueKind.Number || !values[cost].TryGetDecimal(out var amount))
            {
                throw new ProviderBadResponseException("Azure", $"cost '{values[cost]}' on {day:yyyy-MM-dd} is not a number");
            }

            var code = currency >= 0 ? values[currency].GetString() : "USD";
            yield return new QueryRow(day, amount, CurrencyCodes.Normalize(code) ?? throw new ProviderBadResponseException("Azure", $"currency '{code}' is not ISO 4217"),
                columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => values[c.i].ValueKind == JsonValueKind.String ? values[c.i].GetString() : null, StringComparer.OrdinalIgnoreCase));
        }
    }

    internal sealed record QueryRow(DateOnly Day, decimal Cost, string Currency, Dictionary<string, string?> Values)
    {
        public string? Get(string column) => Values.GetValueOrDefault(column);
    }

    /// <summary>Spaces calls so a run stays inside the per-scope query budget instead of provoking 429s; counts them.</summary>
    private sealed class QueryPacer(TimeSpan interval, TimeProvider time)
    {
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public int Queries { get; private set; }

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            if (_next > now)
            {
                await Task.Delay(_next - now, time, cancellationToken).ConfigureAwait(false);
            }

            _next = time.GetUtcNow() + interval;
            Queries++;
        }
    }
}
