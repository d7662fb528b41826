using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Simulators.Azure;

/// <summary>
/// A loopback Azure Resource Manager for the local run: the Cost Management Query API (ActualCost / AmortizedCost,
/// Daily, grouped by SubscriptionId+SubscriptionName, ServiceName+ResourceLocation, ChargeType+SubscriptionId, PricingModel or not at all, SubscriptionId, ChargeType and PricingModel filters, pages of
/// <see cref="PageSize"/> rows with a POSTed <c>nextLink</c>, and one 429 with Cost Management's retry-after headers on
/// the first query), Consumption lots and their settlement events, Compute usages and capacity reservation groups. Every request needs the
/// simulator's bearer token, as ARM needs an Entra ID token.
/// </summary>
public sealed partial class AzureSimulator : LoopbackSimulator
{
    public const string Token = "azure-simulator-token";
    public const int PageSize = 200;

    private readonly AzureSimulatorData _data;
    private int _throttled;

    private AzureSimulator(AzureSimulatorData data)
    {
        _data = data;
    }

    /// <summary>A token credential that hands out the simulator's token (the stand-in for managed identity).</summary>
    public static TokenCredential Credential { get; } = new SimulatorCredential();

    public static async Task<AzureSimulator> StartAsync(AzureSimulatorData data, CancellationToken cancellationToken = default)
    {
        var simulator = new AzureSimulator(data);
        await simulator.ListenAsync(app => app.Run(simulator.HandleAsync), cancellationToken).ConfigureAwait(false);
        return simulator;
    }


    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await ErrorAsync(context, 401, "InvalidAuthenticationToken", "The access token is missing or invalid.").ConfigureAwait(false);
            return;
        }

        if (context.Request.Method == "POST" && path.EndsWith("/providers/Microsoft.CostManagement/query", StringComparison.OrdinalIgnoreCase))
        {
            await QueryAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.Method != "GET")
        {
            await ErrorAsync(context, 405, "MethodNotAllowed", "Not simulated.").ConfigureAwait(false);
            return;
        }

        JsonObject? body = path switch
        {
            _ when LotsPath().IsMatch(path) => Lots(),
            _ when EventsPath().IsMatch(path) => Events(context.Request.Query["startDate"].ToString(), context.Request.Query["endDate"].ToString()),
            _ when UsagesPath().Match(path) is { Success: true } m => List(_data.Usages.Where(u => Same(u.SubscriptionId, m.Groups["sub"].Value) && Same(u.Location, m.Groups["loc"].Value)).Select(Usage)),
            _ when GroupsPath().Match(path) is { Success: true } m => List(_data.Reservations.Where(r => Same(r.SubscriptionId, m.Groups["sub"].Value))
                .Select(r => (r.SubscriptionId, r.ResourceGroup, r.Group, r.Location)).Distinct()
                .Select(g => new JsonObject { ["name"] = g.Group, ["id"] = GroupId(g.SubscriptionId, g.ResourceGroup, g.Group), ["type"] = "Microsoft.Compute/CapacityReservationGroups", ["location"] = g.Location })),
            _ when ReservationsPath().Match(path) is { Success: true } m => List(_data.Reservations
                .Where(r => Same(r.SubscriptionId, m.Groups["sub"].Value) && Same(r.ResourceGroup, m.Groups["rg"].Value) && Same(r.Group, m.Groups["group"].Value))
                .Select(r => new JsonObject { ["name"] = r.Name, ["id"] = ReservationId(r) })),
            _ when ReservationPath().Match(path) is { Success: true } m => _data.Reservations
                .Where(r => Same(r.SubscriptionId, m.Groups["sub"].Value) && Same(r.Group, m.Groups["group"].Value) && Same(r.Name, m.Groups["name"].Value))
                .Select(Reservation).FirstOrDefault(),
            _ => null,
        };
        if (body is null)
        {
            await ErrorAsync(context, 404, "ResourceNotFound", $"The resource {path} was not found.").ConfigureAwait(false);
            return;
        }

        await JsonAsync(context, body).ConfigureAwait(false);
    }

    private async Task QueryAsync(HttpContext context)
    {
        // Like Cost Management under load: the first query of a run is throttled with the service's own headers.
        if (Interlocked.Increment(ref _throttled) == 1)
        {
            context.Response.Headers["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = "1";
            context.Response.Headers["x-ms-ratelimit-microsoft.costmanagement-entity-retry-after"] = "1";
            await ErrorAsync(context, 429, "429", "Too many requests. Please retry.").ConfigureAwait(false);
            return;
        }
        var query = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync().ConfigureAwait(false))!.AsObject();
        var type = query["type"]!.GetValue<string>();
        var from = DateOnly.FromDateTime(DateTime.Parse(query["timePeriod"]!["from"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        var to = DateOnly.FromDateTime(DateTime.Parse(query["timePeriod"]!["to"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        if (to.DayNumber - from.DayNumber > 31)
        {
            await ErrorAsync(context, 400, "BadRequest", "Invalid query definition: daily granularity supports at most 31 days.").ConfigureAwait(false);
            return;
        }

        var grouping = query["dataset"]!["grouping"]?.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList() ?? [];
        var filter = query["dataset"]!["filter"];
        var dimensions = filter?["and"] is JsonArray all ? all.Select(f => f!["dimensions"]!).ToList() : filter?["dimensions"] is { } one ? [one] : [];
        string[]? Values(string name) => dimensions.FirstOrDefault(d => d["name"]!.GetValue<string>() == name)?["values"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
        var subscription = Values("SubscriptionId")?[0];
        var chargeTypes = Values("ChargeType");
        var pricingModels = Values("PricingModel");
        var scopeSubscription = ScopeSubscription().Match(context.Request.Path.Value!) is { Success: true } s ? s.Groups["sub"].Value : null;
        var within = subscription ?? scopeSubscription;
        var cells = _data.Costs.Where(c => c.Day >= from && c.Day <= to && (within is null || Same(c.SubscriptionId, within))
            && (chargeTypes is null || chargeTypes.Contains(c.ChargeType, StringComparer.OrdinalIgnoreCase))
            && (pricingModels is null || pricingModels.Contains(c.PricingModel, StringComparer.OrdinalIgnoreCase))).ToList();
        var (columns, rows) = grouping switch
        {
            ["SubscriptionId", "SubscriptionName"] => (new[] { "Cost", "UsageDate", "SubscriptionId", "SubscriptionName", "Currency" },
                cells.GroupBy(c => (c.Day, c.SubscriptionId, c.SubscriptionName)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.SubscriptionId)
                    .Select(g => new JsonArray(Sum(g, type), Number(g.Key.Day), g.Key.SubscriptionId, g.Key.SubscriptionName, _data.Currency)).ToList()),
            ["ChargeType", "SubscriptionId"] => (["Cost", "UsageDate", "ChargeType", "SubscriptionId", "Currency"],
                cells.GroupBy(c => (c.Day, c.ChargeType, c.SubscriptionId)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.ChargeType).ThenBy(g => g.Key.SubscriptionId)
                    .Select(g => new JsonArray(Sum(g, type), Number(g.Key.Day), g.Key.ChargeType, g.Key.SubscriptionId, _data.Currency)).ToList()),
            ["PricingModel"] => (["Cost", "UsageDate", "PricingModel", "Currency"],
                cells.GroupBy(c => (c.Day, c.PricingModel)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.PricingModel)
                    .Select(g => new JsonArray(Sum(g, type), Number(g.Key.Day), g.Key.PricingModel, _data.Currency)).ToList()),
            [] => (["Cost", "UsageDate", "Currency"],
                cells.GroupBy(c => c.Day).OrderBy(g => g.Key).Select(g => new JsonArray(Sum(g, type), Number(g.Key), _data.Currency)).ToList()),
            _ => (["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"],
                cells.GroupBy(c => (c.Day, c.ServiceName, c.Location)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.ServiceName).ThenBy(g => g.Key.Location)
                    .Select(g => new JsonArray(Sum(g, type), Number(g.Key.Day), g.Key.ServiceName, g.Key.Location, _data.Currency)).ToList()),
        };

        var skip = int.TryParse(context.Request.Query["$skiptoken"], CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        var page = rows.Skip(skip).Take(PageSize).ToList();
        var next = skip + PageSize < rows.Count
            ? $"{BaseUrl.ToString().TrimEnd('/')}{context.Request.Path}?api-version={context.Request.Query["api-version"]}&$skiptoken={skip + PageSize}"
            : null;
        await JsonAsync(context, new JsonObject
        {
            ["id"] = $"{context.Request.Path.Value!.TrimStart('/')}/{Guid.NewGuid()}",
            ["type"] = "Microsoft.CostManagement/query",
            ["properties"] = new JsonObject
            {
                ["nextLink"] = next,
                ["columns"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["type"] = c is "Cost" or "UsageDate" ? "Number" : "String" }).ToArray()),
                ["rows"] = new JsonArray(page.Cast<JsonNode>().ToArray()),
            },
        }).ConfigureAwait(false);
    }

    private JsonObject Lots() => List(_data.Lots.Select(l => new JsonObject
    {
        ["id"] = $"/providers/Microsoft.Billing/billingAccounts/{_data.BillingAccountId}/providers/Microsoft.Consumption/lots/{l.Name}",
        ["name"] = l.Name,
        ["type"] = "Microsoft.Consumption/lots",
        ["properties"] = new JsonObject
        {
            ["originalAmount"] = new JsonObject { ["currency"] = _data.Currency, ["value"] = l.OriginalAmount },
            ["closedBalance"] = new JsonObject { ["currency"] = _data.Currency, ["value"] = l.ClosedBalance },
            ["usedAmount"] = new JsonObject { ["currency"] = _data.Currency, ["value"] = l.OriginalAmount - l.ClosedBalance },
            ["OrganizationType"] = "Primary",
            ["source"] = "ConsumptionCommitment",
            ["startDate"] = l.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["expirationDate"] = l.Expiration.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["status"] = "Active",
        },
    }));

    /// <summary>Consumption events of the lots: the last invoice's settlement (SettledCharges) within [startDate, endDate].</summary>
    private JsonObject Events(string startDate, string endDate)
    {
        var from = DateOnly.TryParse(startDate, CultureInfo.InvariantCulture, out var f) ? f : DateOnly.MinValue;
        var to = DateOnly.TryParse(endDate, CultureInfo.InvariantCulture, out var t) ? t : DateOnly.MaxValue;
        return List(_data.Lots.Where(l => l.BalanceAsOf is { } d && d >= from && d <= to).Select(l => new JsonObject
        {
            ["id"] = $"/providers/Microsoft.Billing/billingAccounts/{_data.BillingAccountId}/providers/Microsoft.Consumption/events/settled-{l.Name}",
            ["name"] = $"settled-{l.Name}",
            ["type"] = "Microsoft.Consumption/events",
            ["properties"] = new JsonObject
            {
                ["lotSource"] = "ConsumptionCommitment",
                ["lotId"] = $"/providers/Microsoft.Billing/billingAccounts/{_data.BillingAccountId}/Microsoft.Consumption/lots/{l.Name}",
                ["transactionDate"] = l.BalanceAsOf!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
                ["description"] = "Balance after invoice",
                ["billingAccountId"] = _data.BillingAccountId,
                ["closedBalance"] = new JsonObject { ["currency"] = _data.Currency, ["value"] = l.ClosedBalance },
                ["eventType"] = "SettledCharges",
            },
        }));
    }

    private static JsonObject Usage(AzureSimulatedUsage u) => new()
    {
        ["unit"] = "Count", ["currentValue"] = u.Current, ["limit"] = u.Limit, ["name"] = new JsonObject { ["value"] = u.Family, ["localizedValue"] = u.LocalizedName },
    };

    private static JsonObject Reservation(AzureSimulatedReservation r) => new()
    {
        ["id"] = ReservationId(r),
        ["name"] = r.Name,
        ["location"] = r.Location,
        ["sku"] = new JsonObject { ["name"] = r.Sku, ["capacity"] = r.Capacity },
        ["properties"] = new JsonObject
        {
            ["provisioningState"] = "Succeeded",
            // As the Compute API reports it: currentCapacity is what Azure holds (and bills), the allocated VMs what runs.
            ["virtualMachinesAssociated"] = new JsonArray([.. Vms(r).Select(id => (JsonNode)new JsonObject { ["id"] = id })]),
            ["instanceView"] = new JsonObject
            {
                ["utilizationInfo"] = new JsonObject
                {
                    ["currentCapacity"] = r.Granted ?? r.Capacity,
                    ["virtualMachinesAllocated"] = new JsonArray([.. Vms(r).Select(id => (JsonNode)new JsonObject { ["id"] = id })]),
                },
                ["statuses"] = new JsonArray(new JsonObject { ["code"] = "ProvisioningState/succeeded", ["level"] = "Info", ["displayStatus"] = "Provisioning succeeded" }),
            },
        },
    };

    private static IEnumerable<string> Vms(AzureSimulatedReservation r) =>
        Enumerable.Range(1, r.Used).Select(i => $"/subscriptions/{r.SubscriptionId}/resourceGroups/{r.ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{r.Name}-vm{i}");

    private static string GroupId(string sub, string rg, string group) => $"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/capacityReservationGroups/{group}";

    private static string ReservationId(AzureSimulatedReservation r) => $"{GroupId(r.SubscriptionId, r.ResourceGroup, r.Group)}/capacityReservations/{r.Name}";

    private static JsonObject List(IEnumerable<JsonObject> items) => new() { ["value"] = new JsonArray(items.Cast<JsonNode>().ToArray()) };

    private static decimal Sum(IEnumerable<AzureSimulatedCost> cells, string type) => cells.Sum(c => type == "AmortizedCost" ? c.Amortized : c.Actual);

    private static int Number(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static Task JsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return JsonAsync(context, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    [GeneratedRegex(@"^/providers/Microsoft\.Billing/billingAccounts/[^/]+/providers/Microsoft\.Consumption/lots$", RegexOptions.IgnoreCase)]
    private static partial Regex LotsPath();

    [GeneratedRegex(@"^/providers/Microsoft\.Billing/billingAccounts/[^/]+/providers/Microsoft\.Consumption/events$", RegexOptions.IgnoreCase)]
    private static partial Regex EventsPath();

    [GeneratedRegex(@"^/subscriptions/(?<sub>[^/]+)/providers/Microsoft\.Compute/locations/(?<loc>[^/]+)/usages$", RegexOptions.IgnoreCase)]
    private static partial Regex UsagesPath();

    [GeneratedRegex(@"^/subscriptions/(?<sub>[^/]+)/providers/Microsoft\.Compute/capacityReservationGroups$", RegexOptions.IgnoreCase)]
    private static partial Regex GroupsPath();

    [GeneratedRegex(@"^/subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\.Compute/capacityReservationGroups/(?<group>[^/]+)/capacityReservations$", RegexOptions.IgnoreCase)]
    private static partial Regex ReservationsPath();

    [GeneratedRegex(@"^/subscriptions/(?<sub>[^/]+)/resourceGroups/[^/]+/providers/Microsoft\.Compute/capacityReservationGroups/(?<group>[^/]+)/capacityReservations/(?<name>[^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReservationPath();

    [GeneratedRegex(@"^/subscriptions/(?<sub>[^/]+)/providers/Microsoft\.CostManagement/query$", RegexOptions.IgnoreCase)]
    private static partial Regex ScopeSubscription();

    private sealed class SimulatorCredential : TokenCredential
    {
        // A simulator token never expires: nothing to refresh, and no clock to consult.
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token, DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
