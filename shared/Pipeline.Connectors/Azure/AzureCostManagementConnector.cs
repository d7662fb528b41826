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
public sealed class AzureCostManagementConnector(IOptions<AzureOptions> options, ArmHttp http, TimeProvider time)
{
    public const string Source = "azure-cost-management";

    private static readonly string[] s_costColumns = ["Cost", "PreTaxCost", "totalCost", "CostInBillingCurrency"];

    /// <param name="meter">Counts the pull's calls (the ingestion's, so a failed pull still records them); a new one when null.</param>
    public async Task<CostPull> PullAsync(DateOnly from, DateOnly to, ProviderCallMeter? meter = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var arm = http.NewClient(meter);
        var pacer = new QueryPacer(TimeSpan.FromSeconds(o.MinSecondsBetweenQueries), time);
        var cells = new Dictionary<(DateOnly Day, string Sub, string Service, (string? Id, string? Name) Region, string Currency), (decimal Billed, decimal Effective, string? SubName)>();
        var pulledSubscriptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var scope in o.Scopes)
        {
            var subscriptions = scope.StartsWith("subscriptions/", StringComparison.OrdinalIgnoreCase)
                ? [(Id: scope.Split('/')[1], Name: (string?)null)]
                : await SubscriptionsAsync(arm, pacer, scope, from, to, o.QueryApiVersion, cancellationToken).ConfigureAwait(false);
            foreach (var (subscription, subscriptionName) in subscriptions)
            {
                if (IsWholeSubscription(scope) && !pulledSubscriptions.Add(subscription))
                {
                    continue;
                }

                foreach (var (sliceFrom, sliceTo) in Slices(from, to))
                {
                    foreach (var type in new[] { "ActualCost", "AmortizedCost" })
                    {
                        var body = Query(type, sliceFrom, sliceTo, [("ServiceName"), ("ResourceLocation")],
                            scope.StartsWith("subscriptions/", StringComparison.OrdinalIgnoreCase) ? null : subscription);
                        await foreach (var page in PagesAsync(arm, pacer, scope, body, o.QueryApiVersion, cancellationToken).ConfigureAwait(false))
                        {
                            foreach (var row in ReadRows(page).Where(r => r.Day >= sliceFrom && r.Day < sliceTo))
                            {
                                // Keyed by canonical region: the two cost types may spell a location differently ("US East" / "eastus").
                                var key = (row.Day, subscription, row.Get("ServiceName") ?? "(unknown)", AzureOpenData.Region(row.Get("ResourceLocation")), row.Currency);
                                var (billed, effective, _) = cells.GetValueOrDefault(key);
                                cells[key] = type == "ActualCost" ? (billed + row.Cost, effective, subscriptionName) : (billed, effective + row.Cost, subscriptionName);
                            }
                        }
                    }
                }
            }
        }

        var rows = cells.Where(c => c.Value.Billed != 0 || c.Value.Effective != 0).Select(c =>
        {
            var (id, name) = c.Key.Region;
            var period = new DateOnly(c.Key.Day.Year, c.Key.Day.Month, 1);
            return new CostRow
            {
                ChargePeriodStart = c.Key.Day, BillingPeriodStart = period, BillingPeriodEnd = period.AddMonths(1), ProviderName = AzureProvider.FocusName,
                BillingAccountId = o.BillingAccountId ?? "unknown", BillingAccountName = o.BillingAccountName, SubAccountId = c.Key.Sub, SubAccountName = c.Value.SubName,
                ServiceName = c.Key.Service, ServiceCategory = AzureOpenData.ServiceCategory(c.Key.Service), RegionId = id, RegionName = name,
                ChargeCategory = "Usage", BillingCurrency = c.Key.Currency, BilledCost = c.Value.Billed, EffectiveCost = c.Value.Effective, SourceKind = "api", Source = Source,
            };
        }).ToList();
        return new CostPull(rows);
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

    private static async Task<List<(string Id, string? Name)>> SubscriptionsAsync(ArmClient arm, QueryPacer pacer, string scope, DateOnly from, DateOnly to,
        string apiVersion, CancellationToken cancellationToken)
    {
        // Every slice of the window: a subscription that had spend only early in it must still be pulled, or the
        // window replacement would delete its stored rows.
        var subscriptions = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (sliceFrom, sliceTo) in Slices(from, to))
        {
            await foreach (var page in PagesAsync(arm, pacer, scope, Query("ActualCost", sliceFrom, sliceTo, ["SubscriptionId", "SubscriptionName"], null), apiVersion, cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var row in ReadRows(page))
                {
                    if (row.Get("SubscriptionId") is { Length: > 0 } id)
                    {
                        subscriptions[id] = row.Get("SubscriptionName");
                    }
                }
            }
        }

        return subscriptions.Select(s => (s.Key, s.Value)).ToList();
    }

    private static JsonObject Query(string type, DateOnly from, DateOnly to, string[] grouping, string? subscription)
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
                ["grouping"] = new JsonArray(grouping.Select(g => (JsonNode)new JsonObject { ["type"] = "Dimension", ["name"] = g }).ToArray()),
            },
        };
        if (subscription is not null)
        {
            query["dataset"]!["filter"] = new JsonObject { ["dimensions"] = new JsonObject { ["name"] = "SubscriptionId", ["operator"] = "In", ["values"] = new JsonArray(subscription) } };
        }

        return query;
    }

    private static async IAsyncEnumerable<JsonElement> PagesAsync(ArmClient arm, QueryPacer pacer, string scope, JsonObject body,
        string apiVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
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
            yield return properties.Clone();
            next = pages.Next(properties.String("nextLink") is { Length: > 0 } link ? new Uri(link) : null);
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
