using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Simulators.Oci;

/// <summary>
/// A loopback Oracle Cloud for the local run: Usage API <c>RequestSummarizedUsages</c> (COST, DAILY, midnight-only
/// times, pages of <see cref="PageSize"/> items with <c>opc-next-page</c>, a blank currency as the real API sends it),
/// OneSubscription commitments, Identity availability domains, Limits API definitions and resource availability, and Core Services compute capacity reservations. Every request's HTTP signature
/// is verified against the API key this simulator issues (<see cref="PrivateKeyPem"/>), with OCI's 5-minute clock skew.
/// </summary>
public sealed partial class OciSimulator : LoopbackSimulator
{
    public const int PageSize = 500;
    public const string UserId = "ocid1.user.oc1..aaaaaaaasimulatoruser";
    private readonly OciSimulatorData _data;
    private readonly TimeProvider _time;
    private readonly RSA _key = RSA.Create(2048);

    private OciSimulator(OciSimulatorData data, TimeProvider time)
    {
        _data = data;
        _time = time;
    }

    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>The key's fingerprint as the OCI console shows it: MD5 of the DER public key, colon-separated.</summary>
    public string Fingerprint => string.Join(':', MD5.HashData(_key.ExportSubjectPublicKeyInfo()).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <param name="time">The clock the 5-minute signature skew rule is checked against (the signer's, locally).</param>
    public static async Task<OciSimulator> StartAsync(OciSimulatorData data, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var simulator = new OciSimulator(data, time);
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
        context.Request.EnableBuffering();
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync().ConfigureAwait(false);
        if (!Verify(context.Request, body, out var problem))
        {
            await ErrorAsync(context, 401, "NotAuthenticated", problem).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        JsonNode? response = null;
        string? nextPage = null;
        if (context.Request.Method == "POST" && UsagePath().IsMatch(path))
        {
            var request = JsonNode.Parse(body)!;
            var started = request["timeUsageStarted"]!.GetValue<string>();
            var ended = request["timeUsageEnded"]!.GetValue<string>();
            if (!started.EndsWith("T00:00:00Z", StringComparison.Ordinal) || !ended.EndsWith("T00:00:00Z", StringComparison.Ordinal))
            {
                await ErrorAsync(context, 400, "InvalidParameter", "Passed UTC date does not have the right precision: hours, minutes, seconds, and second fractions must be 0").ConfigureAwait(false);
                return;
            }

            var from = DateOnly.ParseExact(started[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = DateOnly.ParseExact(ended[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var items = _data.Costs.Where(c => c.Day >= from && c.Day < to).OrderBy(c => c.Day).ThenBy(c => c.CompartmentId).ThenBy(c => c.Service).ThenBy(c => c.Region).ToList();
            var offset = int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var o) ? o : 0;
            nextPage = offset + PageSize < items.Count ? (offset + PageSize).ToString(CultureInfo.InvariantCulture) : null;
            response = new JsonObject
            {
                ["groupBy"] = request["groupBy"]?.DeepClone(),
                ["items"] = new JsonArray(items.Skip(offset).Take(PageSize).Select((c, i) => (JsonNode)new JsonObject
                {
                    ["tenantId"] = null, ["compartmentId"] = c.CompartmentId, ["compartmentName"] = c.CompartmentName, ["service"] = c.Service, ["region"] = c.Region,
                    ["timeUsageStarted"] = c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000Z",
                    ["timeUsageEnded"] = c.Day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000Z",
                    ["computedAmount"] = c.Amount, ["computedQuantity"] = 1.0,
                    // The real API sometimes sends a blank currency; so does this one, on every seventh item.
                    ["currency"] = (offset + i) % 7 == 3 ? " " : "USD",
                    ["isForecast"] = false,
                }).ToArray()),
            };
        }
        else if (context.Request.Method == "GET" && CommitmentsPath().IsMatch(path))
        {
            response = new JsonArray(_data.Commitments.Where(c => c.SubscribedServiceId == context.Request.Query["subscribedServiceId"]).Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id, ["subscribedServiceId"] = c.SubscribedServiceId,
                ["timeStart"] = c.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000Z",
                ["timeEnd"] = c.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000Z",
                ["quantity"] = "1",
                // Only id is required in CommitmentSummary: availableAmount is left out, as Oracle may, and derived by the connector.
                ["usedAmount"] = c.Used.ToString(CultureInfo.InvariantCulture),
                ["fundedAllocationValue"] = (c.Used + c.Available).ToString(CultureInfo.InvariantCulture),
            }).ToArray());
        }
        else if (context.Request.Method == "GET" && AdsPath().Match(path) is { Success: true } ads)
        {
            response = new JsonArray(_data.Availability.Where(a => a.Region == ads.Groups["region"].Value).Select(a => a.AvailabilityDomain).Distinct()
                .Select(n => (JsonNode)new JsonObject { ["name"] = n, ["id"] = "ocid1.availabilitydomain.oc1..sim", ["compartmentId"] = _data.TenancyId }).ToArray());
        }
        else if (context.Request.Method == "GET" && DefinitionsPath().Match(path) is { Success: true } definitions)
        {
            response = new JsonArray(_data.Availability.Where(a => a.Region == definitions.Groups["region"].Value).Select(a => a.LimitName).Distinct()
                .Select(n => (JsonNode)new JsonObject { ["name"] = n, ["serviceName"] = "compute", ["scopeType"] = "AD", ["isResourceAvailabilitySupported"] = true, ["isDeprecated"] = false })
                .Append(new JsonObject { ["name"] = "standard-e5-core-count", ["serviceName"] = "compute", ["scopeType"] = "AD", ["isResourceAvailabilitySupported"] = true })
                .ToArray());
        }
        else if (context.Request.Method == "GET" && AvailabilityPath().Match(path) is { Success: true } availability)
        {
            var found = _data.Availability.FirstOrDefault(a => a.Region == availability.Groups["region"].Value && a.LimitName == availability.Groups["limit"].Value
                && a.AvailabilityDomain == context.Request.Query["availabilityDomain"]);
            response = found is null ? null : new JsonObject
            {
                ["used"] = found.Used, ["available"] = found.Available, ["fractionalUsage"] = (double)found.Used, ["fractionalAvailability"] = (double)found.Available,
            };
        }

        if (context.Request.Method == "GET" && ReservationsPath().Match(path) is { Success: true } listed)
        {
            response = new JsonArray([.. (_data.Reservations ?? []).Where(r => r.Region == listed.Groups["region"].Value && r.CompartmentId == context.Request.Query["compartmentId"])
                .Select(r => (JsonNode)ReservationJson(r, detail: false))]);
        }
        else if (context.Request.Method == "GET" && ReservationPath().Match(path) is { Success: true } one)
        {
            response = (_data.Reservations ?? []).FirstOrDefault(r => r.Region == one.Groups["region"].Value && r.Id == Uri.UnescapeDataString(one.Groups["id"].Value)) is { } r
                ? ReservationJson(r, detail: true)
                : null;
        }

        if (response is null && ObjectsPath().Match(path) is { Success: true } objects)
        {
            // Object Storage's answer when the bucket is not there or the tenancy's policies do not reach it: no FOCUS
            // reports are simulated, so a listing gets what a tenancy without the cross-tenancy endorsement gets.
            await ErrorAsync(context, 404, "BucketNotFound",
                $"Either the bucket named '{Uri.UnescapeDataString(objects.Groups["bucket"].Value)}' does not exist in the namespace '{objects.Groups["ns"].Value}' or you are not authorized to access it").ConfigureAwait(false);
            return;
        }

        if (response is null)
        {
            await ErrorAsync(context, 404, "NotAuthorizedOrNotFound", $"Authorization failed or requested resource not found: {path}").ConfigureAwait(false);
            return;
        }

        if (nextPage is not null)
        {
            context.Response.Headers["opc-next-page"] = nextPage;
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers["opc-request-id"] = Guid.NewGuid().ToString("N").ToUpperInvariant();
        await context.Response.WriteAsync(response.ToJsonString()).ConfigureAwait(false);
    }

    /// <summary>Rebuilds the signing string from the request as received and checks it with the issued public key.</summary>
    private bool Verify(HttpRequest request, string body, out string problem)
    {
        problem = "The required information to complete authentication was not provided or was incorrect.";
        var authorization = request.Headers.Authorization.ToString();
        var parameters = SignatureParameter().Matches(authorization).ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value);
        if (!parameters.TryGetValue("headers", out var headers) || !parameters.TryGetValue("signature", out var signature)
            || parameters.GetValueOrDefault("keyId") != $"{_data.TenancyId}/{UserId}/{Fingerprint}" || parameters.GetValueOrDefault("algorithm") != "rsa-sha256")
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(request.Headers["date"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || (_time.GetUtcNow() - date).Duration() > TimeSpan.FromMinutes(5))
        {
            problem = "Date header is missing or more than 5 minutes off (clock skew).";
            return false;
        }

        var required = request.Method is "POST" or "PUT" or "PATCH"
            ? "date (request-target) host content-length content-type x-content-sha256"
            : "date (request-target) host";
        if (headers != required || (request.Method == "POST" && request.Headers["x-content-sha256"] != Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)))))
        {
            return false;
        }

        var lines = headers.Split(' ').Select(h => h switch
        {
            "(request-target)" => $"(request-target): {request.Method.ToLowerInvariant()} {request.Path}{request.QueryString}",
            "host" => $"host: {request.Host}",
            "content-length" => $"content-length: {request.ContentLength}",
            _ => $"{h}: {request.Headers[h]}",
        });
        try
        {
            return _key.VerifyData(Encoding.ASCII.GetBytes(string.Join('\n', lines)), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>ComputeCapacityReservationSummary (the list) or ComputeCapacityReservation (GET by id), as the Core Services API returns them.</summary>
    private static JsonObject ReservationJson(OciSimulatedReservation r, bool detail)
    {
        var json = new JsonObject
        {
            ["id"] = r.Id, ["compartmentId"] = r.CompartmentId, ["displayName"] = r.DisplayName, ["availabilityDomain"] = r.AvailabilityDomain,
            ["lifecycleState"] = r.LifecycleState, ["isDefaultReservation"] = false,
            ["reservedInstanceCount"] = r.Configs.Sum(c => c.Reserved), ["usedInstanceCount"] = r.Configs.Sum(c => c.Used),
            ["timeCreated"] = "2026-05-01T00:00:00.000Z", ["definedTags"] = new JsonObject(), ["freeformTags"] = new JsonObject(),
        };
        if (detail)
        {
            json["instanceReservationConfigs"] = new JsonArray([.. r.Configs.Select(c => (JsonNode)new JsonObject
            {
                ["instanceShape"] = c.Shape, ["faultDomain"] = c.FaultDomain, ["reservedCount"] = c.Reserved, ["usedCount"] = c.Used,
            })]);
            json["timeUpdated"] = "2026-05-01T00:00:00.000Z";
        }

        return json;
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["opc-request-id"] = $"sim-{Guid.NewGuid():N}";
        return context.Response.WriteAsync(new JsonObject { ["code"] = code, ["message"] = message }.ToJsonString());
    }

    [GeneratedRegex(@"^/iaas/(?<region>[^/]+)/20160918/computeCapacityReservations$")]
    private static partial Regex ReservationsPath();

    [GeneratedRegex(@"^/iaas/(?<region>[^/]+)/20160918/computeCapacityReservations/(?<id>[^/]+)$")]
    private static partial Regex ReservationPath();

    [GeneratedRegex(@"^/n/(?<ns>[^/]+)/b/(?<bucket>[^/]+)/o(/.*)?$")]
    private static partial Regex ObjectsPath();

    [GeneratedRegex("(?<k>[a-zA-Z]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex SignatureParameter();

    [GeneratedRegex(@"^/usage/[^/]+/20200107/usage$")]
    private static partial Regex UsagePath();

    [GeneratedRegex(@"^/identity/[^/]+/20190111/commitments$")]
    private static partial Regex CommitmentsPath();

    [GeneratedRegex(@"^/identity/(?<region>[^/]+)/20160918/availabilityDomains$")]
    private static partial Regex AdsPath();

    [GeneratedRegex(@"^/limits/(?<region>[^/]+)/20190729/limitDefinitions$")]
    private static partial Regex DefinitionsPath();

    [GeneratedRegex(@"^/limits/(?<region>[^/]+)/20190729/services/compute/limits/(?<limit>[^/]+)/resourceAvailability$")]
    private static partial Regex AvailabilityPath();
}
