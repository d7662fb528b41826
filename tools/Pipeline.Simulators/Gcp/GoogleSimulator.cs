using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Simulators.Gcp;

/// <summary>
/// A loopback Google Cloud for the local run. OAuth: <c>POST /token</c> takes the JWT-bearer grant of the service
/// account key from <see cref="ServiceAccountKeyJson"/> and checks its RS256 signature, as Google's token endpoint
/// does. BigQuery: <c>jobs.query</c> answers "not complete" first, then <c>getQueryResults</c> serves the daily
/// aggregate for the query's <c>start</c>/<c>end</c> parameters in pages of <see cref="PageSize"/> rows (the SQL itself
/// is not executed: the simulator answers with the columns the pipeline's query selects). Cloud Billing
/// <c>billingAccounts.get</c>; Compute <c>regions.get</c> and <c>aggregated/reservations</c>.
/// </summary>
public sealed partial class GoogleSimulator : LoopbackSimulator
{
    public const int PageSize = 500;
    private static readonly string[] s_columns =
        ["usage_date", "invoice_month", "project_id", "project_name", "service", "region", "cost_type", "currency", "cost", "discount_credits", "other_credits"];

    private readonly GoogleSimulatorData _data;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, byte> _tokens = new();
    private readonly ConcurrentDictionary<string, List<JsonArray>> _jobs = new();

    private GoogleSimulator(GoogleSimulatorData data) => _data = data;

    public const string ClientEmail = "pipeline@billing-admin.iam.gserviceaccount.com";

    /// <summary>A service account key whose token_uri is this simulator (the private key is generated per run).</summary>
    public string ServiceAccountKeyJson => new JsonObject
    {
        ["type"] = "service_account", ["project_id"] = "billing-admin", ["private_key_id"] = "simulator", ["private_key"] = _key.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = ClientEmail, ["client_id"] = "1", ["token_uri"] = BaseUrl + "token",
    }.ToJsonString();

    public static async Task<GoogleSimulator> StartAsync(GoogleSimulatorData data, CancellationToken cancellationToken = default)
    {
        var simulator = new GoogleSimulator(data);
        await simulator.ListenAsync(app => app.Run(simulator.HandleAsync), cancellationToken).ConfigureAwait(false);
        return simulator;
    }

    protected override ValueTask DisposeCoreAsync()
    {
        _key.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.Request.Method == "POST" && path == "/token")
        {
            await TokenAsync(context).ConfigureAwait(false);
            return;
        }

        var bearer = context.Request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.ContainsKey(bearer[7..]))
        {
            await ErrorAsync(context, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.").ConfigureAwait(false);
            return;
        }

        JsonObject? body = null;
        if (context.Request.Method == "POST" && QueryPath().IsMatch(path))
        {
            body = await QueryAsync(context).ConfigureAwait(false);
        }
        else if (context.Request.Method == "GET" && ResultsPath().Match(path) is { Success: true } results)
        {
            body = Results(results.Groups["job"].Value, context.Request.Query["pageToken"]);
        }
        else if (context.Request.Method == "GET" && path == $"/v1/billingAccounts/{_data.BillingAccountId}")
        {
            body = new JsonObject { ["name"] = $"billingAccounts/{_data.BillingAccountId}", ["open"] = true, ["displayName"] = _data.BillingAccountName, ["currencyCode"] = _data.Currency };
        }
        else if (context.Request.Method == "GET" && RegionPath().Match(path) is { Success: true } region)
        {
            body = Region(region.Groups["project"].Value, region.Groups["region"].Value);
        }
        else if (context.Request.Method == "GET" && ReservationsPath().Match(path) is { Success: true } reservations)
        {
            body = Reservations(reservations.Groups["project"].Value);
        }

        if (body is null)
        {
            await ErrorAsync(context, 404, "notFound", $"Not found: {path}").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    /// <summary>The OAuth2 JWT-bearer grant: the assertion must be signed by the key this simulator issued.</summary>
    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var parts = form["assertion"].ToString().Split('.');
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || parts.Length != 3
            || !_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""").ConfigureAwait(false);
            return;
        }

        var token = "ya29.simulator-" + Guid.NewGuid().ToString("n");
        _tokens[token] = 0;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(new JsonObject { ["access_token"] = token, ["expires_in"] = 3599, ["token_type"] = "Bearer" }.ToJsonString()).ConfigureAwait(false);
    }

    private async Task<JsonObject> QueryAsync(HttpContext context)
    {
        var request = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync().ConfigureAwait(false))!;
        var parameters = request["queryParameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["parameterValue"]!["value"]!.GetValue<string>());
        var from = DateOnly.ParseExact(parameters["start"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(parameters["end"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var job = "job_" + Guid.NewGuid().ToString("n")[..20];
        _jobs[job] = _data.Costs.Where(c => c.Day >= from && c.Day < to).OrderBy(c => c.Day).ThenBy(c => c.ProjectId).ThenBy(c => c.Service).ThenBy(c => c.Region).ThenBy(c => c.CostType)
            .Select(c => new JsonArray(
                Cell(c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Cell(c.Day.ToString("yyyyMM", CultureInfo.InvariantCulture)), Cell(c.ProjectId), Cell(c.ProjectName),
                Cell(c.Service), Cell(c.Region), Cell(c.CostType), Cell(_data.Currency), Cell(Number(c.Cost)), Cell(Number(c.DiscountCredits)), Cell(Number(c.OtherCredits))))
            .ToList();
        return new JsonObject { ["kind"] = "bigquery#queryResponse", ["jobReference"] = JobReference(job), ["jobComplete"] = false };
    }

    private JsonObject? Results(string job, string? pageToken)
    {
        if (!_jobs.TryGetValue(job, out var rows))
        {
            return null;
        }

        var offset = int.TryParse(pageToken, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var response = new JsonObject
        {
            ["kind"] = "bigquery#getQueryResultsResponse",
            ["schema"] = new JsonObject { ["fields"] = new JsonArray(s_columns.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["type"] = "STRING", ["mode"] = "NULLABLE" }).ToArray()) },
            ["jobReference"] = JobReference(job),
            // Like BigQuery: totalRows is a string, and only the first page's is settled while later pages stream; a
            // warning sits in errors[] of a job that succeeded.
            ["totalRows"] = (offset == 0 ? rows.Count : Math.Min(rows.Count, offset + PageSize)).ToString(CultureInfo.InvariantCulture),
            ["errors"] = new JsonArray(new JsonObject { ["reason"] = "warning", ["message"] = "Query results are served from a table that is being updated; results may be incomplete until it settles." }),
            ["rows"] = new JsonArray(rows.Skip(offset).Take(PageSize).Select(r => (JsonNode)new JsonObject { ["f"] = r.DeepClone() }).ToArray()),
            ["totalBytesProcessed"] = (rows.Count * 312L).ToString(CultureInfo.InvariantCulture),
            ["jobComplete"] = true,
            ["cacheHit"] = false,
        };
        if (offset + PageSize < rows.Count)
        {
            response["pageToken"] = (offset + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    private JsonObject Region(string project, string region) => new()
    {
        ["kind"] = "compute#region", ["name"] = region, ["status"] = "UP",
        ["quotas"] = new JsonArray(new JsonNode[] { new JsonObject { ["metric"] = "CPUS", ["limit"] = 2400, ["usage"] = 624 } }
            .Concat(_data.Quotas.Where(q => q.Project == project && q.Region == region).Select(q => (JsonNode)new JsonObject { ["metric"] = q.Metric, ["limit"] = q.Limit, ["usage"] = q.Usage }))
            .Append(new JsonObject { ["metric"] = "LOCAL_SSD_TOTAL_GB", ["limit"] = 9.223372036854776e18, ["usage"] = 0 }).ToArray()),
    };

    private JsonObject Reservations(string project)
    {
        var items = new JsonObject();
        foreach (var zone in _data.Reservations.Where(r => r.Project == project).GroupBy(r => r.Zone))
        {
            items[$"zones/{zone.Key}"] = new JsonObject
            {
                ["reservations"] = new JsonArray(zone.Select(r => (JsonNode)new JsonObject
                {
                    ["kind"] = "compute#reservation", ["name"] = r.Name, ["status"] = "READY",
                    ["zone"] = $"https://www.googleapis.com/compute/v1/projects/{project}/zones/{r.Zone}",
                    ["specificReservation"] = new JsonObject
                    {
                        ["count"] = r.Count.ToString(CultureInfo.InvariantCulture), ["inUseCount"] = r.InUse.ToString(CultureInfo.InvariantCulture),
                        ["instanceProperties"] = new JsonObject { ["machineType"] = r.MachineType },
                    },
                }).ToArray()),
            };
        }

        items["zones/europe-west4-b"] = new JsonObject { ["warning"] = new JsonObject { ["code"] = "NO_RESULTS_ON_PAGE", ["message"] = "There are no results for scope 'zones/europe-west4-b' on this page." } };
        return new JsonObject { ["kind"] = "compute#reservationAggregatedList", ["id"] = $"projects/{project}/aggregated/reservations", ["items"] = items };
    }

    private static JsonObject JobReference(string job) => new() { ["projectId"] = "billing-admin", ["jobId"] = job, ["location"] = "US" };

    private static JsonObject Cell(string? value) => new() { ["v"] = value };

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Base64Url(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    private static Task ErrorAsync(HttpContext context, int status, string reason, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status, ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
            },
        }.ToJsonString());
    }

    [GeneratedRegex(@"^/bigquery/v2/projects/[^/]+/queries$")]
    private static partial Regex QueryPath();

    [GeneratedRegex(@"^/bigquery/v2/projects/[^/]+/queries/(?<job>[^/]+)$")]
    private static partial Regex ResultsPath();

    [GeneratedRegex(@"^/compute/v1/projects/(?<project>[^/]+)/regions/(?<region>[^/]+)$")]
    private static partial Regex RegionPath();

    [GeneratedRegex(@"^/compute/v1/projects/(?<project>[^/]+)/aggregated/reservations$")]
    private static partial Regex ReservationsPath();
}
