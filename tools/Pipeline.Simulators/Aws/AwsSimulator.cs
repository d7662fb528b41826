using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Simulators.Aws;

/// <summary>
/// A loopback AWS for the local run: Cost Explorer (JSON 1.1, <c>GetDimensionValues</c>, <c>GetCostAndUsage</c> with
/// SERVICE x REGION groups, LINKED_ACCOUNT filters and 31-day pages), Service Quotas (<c>/quotas/{region}/</c>) and EC2
/// <c>DescribeCapacityReservations</c> (<c>/ec2/{region}/</c>, Query protocol, XML). Every request must carry a SigV4
/// Authorization header of the expected shape for the expected service, or it is refused as AWS would.
/// </summary>
public sealed partial class AwsSimulator : LoopbackSimulator
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const int DaysPerPage = 31;

    private readonly AwsSimulatorData _data;

    private AwsSimulator(AwsSimulatorData data)
    {
        _data = data;
    }

    public static async Task<AwsSimulator> StartAsync(AwsSimulatorData data, CancellationToken cancellationToken = default)
    {
        var simulator = new AwsSimulator(data);
        await simulator.ListenAsync(app =>
        {
            app.MapPost("/", simulator.CostExplorerAsync);
            app.MapPost("/quotas/{region}/", simulator.ServiceQuotasAsync);
            app.MapPost("/ec2/{region}/", simulator.Ec2Async);
        }, cancellationToken).ConfigureAwait(false);
        return simulator;
    }


    private async Task CostExplorerAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context, "ce", json: true).ConfigureAwait(false))
        {
            return;
        }

        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync().ConfigureAwait(false))!.AsObject();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var from = DateOnly.ParseExact(body["TimePeriod"]!["Start"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(body["TimePeriod"]!["End"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        JsonObject response = target switch
        {
            "AWSInsightsIndexService.GetDimensionValues" => new JsonObject
            {
                ["DimensionValues"] = new JsonArray(_data.Costs.Where(c => c.Day >= from && c.Day < to).Select(c => (c.LinkedAccount, c.AccountName)).Distinct()
                    .Select(a => (JsonNode)new JsonObject { ["Value"] = a.LinkedAccount, ["Attributes"] = new JsonObject { ["description"] = a.AccountName } }).ToArray()),
            },
            "AWSInsightsIndexService.GetCostAndUsage" => CostAndUsage(body, from, to),
            _ => new JsonObject { ["__type"] = "UnknownOperationException" },
        };
        context.Response.StatusCode = response.ContainsKey("__type") ? 400 : 200;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(response.ToJsonString()).ConfigureAwait(false);
    }

    private JsonObject CostAndUsage(JsonObject body, DateOnly from, DateOnly to)
    {
        // Filter: LINKED_ACCOUNT, alone or in an And with RECORD_TYPE (In, or Not In).
        var filter = body["Filter"];
        var clauses = filter?["And"] is JsonArray and ? and.Select(c => c!).ToList() : filter is null ? [] : [filter];
        HashSet<string>? Values(JsonNode? clause, string key) => clause?["Dimensions"] is { } d && (string)d["Key"]! == key
            ? d["Values"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet() : null;
        var accounts = clauses.Select(c => Values(c, "LINKED_ACCOUNT")).FirstOrDefault(v => v is not null);
        var recordTypes = clauses.Select(c => Values(c, "RECORD_TYPE")).FirstOrDefault(v => v is not null);
        var notRecordTypes = clauses.Select(c => Values(c["Not"], "RECORD_TYPE")).FirstOrDefault(v => v is not null);
        var byRecordType = body["GroupBy"]?.AsArray().FirstOrDefault()?["Key"]?.GetValue<string>() == "RECORD_TYPE";
        var offset = body["NextPageToken"] is { } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token.GetValue<string>())), CultureInfo.InvariantCulture) : 0;
        var pageStart = from.AddDays(offset);
        var pageEnd = pageStart.AddDays(DaysPerPage) < to ? pageStart.AddDays(DaysPerPage) : to;
        var results = new JsonArray();
        var byDay = _data.Costs.Where(c => c.Day >= pageStart && c.Day < pageEnd && (accounts is null || accounts.Contains(c.LinkedAccount))
            && (recordTypes is null || recordTypes.Contains(c.RecordType)) && (notRecordTypes is null || !notRecordTypes.Contains(c.RecordType))).ToLookup(c => c.Day);
        for (var day = pageStart; day < pageEnd; day = day.AddDays(1))
        {
            var groups = new JsonArray(byDay[day].GroupBy(c => byRecordType ? (c.RecordType, c.Service) : (c.Service, c.Region)).Select(g => (JsonNode)new JsonObject
            {
                ["Keys"] = new JsonArray(g.Key.Item1, g.Key.Item2),
                ["Metrics"] = new JsonObject
                {
                    ["UnblendedCost"] = new JsonObject { ["Amount"] = g.Sum(c => c.Unblended).ToString(CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                    ["NetAmortizedCost"] = new JsonObject { ["Amount"] = g.Sum(c => c.NetAmortized).ToString(CultureInfo.InvariantCulture), ["Unit"] = "USD" },
                },
            }).ToArray());
            results.Add(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["End"] = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                ["Total"] = new JsonObject(),
                ["Groups"] = groups,
                ["Estimated"] = day >= _data.EstimatedFrom,
            });
        }

        var response = new JsonObject
        {
            ["GroupDefinitions"] = byRecordType
                ? new JsonArray(new JsonObject { ["Type"] = "DIMENSION", ["Key"] = "RECORD_TYPE" }, new JsonObject { ["Type"] = "DIMENSION", ["Key"] = "SERVICE" })
                : new JsonArray(new JsonObject { ["Type"] = "DIMENSION", ["Key"] = "SERVICE" }, new JsonObject { ["Type"] = "DIMENSION", ["Key"] = "REGION" }),
            ["ResultsByTime"] = results,
        };
        if (pageEnd < to)
        {
            response["NextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + DaysPerPage).ToString(CultureInfo.InvariantCulture)));
        }

        return response;
    }

    private async Task ServiceQuotasAsync(HttpContext context, string region)
    {
        if (!await AuthorizedAsync(context, "servicequotas", json: true).ConfigureAwait(false))
        {
            return;
        }

        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync().ConfigureAwait(false))!;
        var code = body["QuotaCode"]!.GetValue<string>();
        var quota = _data.Quotas.FirstOrDefault(q => q.Region == region && q.Code == code);

        // Like AWS: a quota never changed in this account has no applied value, only the AWS default (0 for GPU families),
        // and the default's ARN names no account (arn:aws:servicequotas:us-east-2::ec2/L-1216C47A).
        var isDefault = context.Request.Headers["X-Amz-Target"] == "ServiceQuotasV20190624.GetAWSDefaultServiceQuota";
        if (quota is null && isDefault && code.StartsWith("L-", StringComparison.Ordinal))
        {
            quota = new AwsSimulatedQuota(region, code, "AWS default", 0);
        }
        context.Response.ContentType = "application/x-amz-json-1.1";
        if (quota is null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"__type":"NoSuchResourceException","Message":"The request failed because the specified service quota does not exist."}""").ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsync(new JsonObject
        {
            ["Quota"] = new JsonObject
            {
                ["ServiceCode"] = "ec2", ["ServiceName"] = "Amazon Elastic Compute Cloud (Amazon EC2)",
                ["QuotaArn"] = $"arn:aws:servicequotas:{region}:{(isDefault ? string.Empty : _data.AccountId)}:ec2/{code}", ["QuotaCode"] = code, ["QuotaName"] = quota.Name,
                ["Value"] = (double)quota.Value, ["Unit"] = "None", ["Adjustable"] = true, ["GlobalQuota"] = false,
            },
        }.ToJsonString()).ConfigureAwait(false);
    }

    private async Task Ec2Async(HttpContext context, string region)
    {
        if (!await AuthorizedAsync(context, "ec2", json: false).ConfigureAwait(false))
        {
            return;
        }

        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?>""").Append('\n');
        if (form["Action"] != "DescribeCapacityReservations")
        {
            context.Response.StatusCode = 400;
            xml.Append("<Response><Errors><Error><Code>InvalidAction</Code><Message>Not simulated.</Message></Error></Errors><RequestID>sim</RequestID></Response>");
        }
        else
        {
            xml.Append("""<DescribeCapacityReservationsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>sim</requestId><capacityReservationSet>""");
            foreach (var r in _data.Reservations.Where(r => r.Region == region))
            {
                xml.Append("<item><capacityReservationId>").Append(r.Id).Append("</capacityReservationId><ownerId>").Append(_data.AccountId)
                    .Append("</ownerId><instanceType>").Append(SecurityElement.Escape(r.InstanceType)).Append("</instanceType><instancePlatform>Linux/UNIX</instancePlatform><availabilityZone>")
                    .Append(r.AvailabilityZone).Append("</availabilityZone><tenancy>default</tenancy><totalInstanceCount>").Append(r.Total)
                    .Append("</totalInstanceCount><availableInstanceCount>").Append(r.Available).Append("</availableInstanceCount><state>active</state><startDate>")
                    .Append(Iso(r.Start)).Append("</startDate>");
                if (r.End is { } end)
                {
                    xml.Append("<endDate>").Append(Iso(end)).Append("</endDate><endDateType>limited</endDateType>");
                }

                xml.Append("<reservationType>").Append(r.CapacityBlock ? "capacity-block" : "default").Append("</reservationType></item>");
            }

            xml.Append("</capacityReservationSet></DescribeCapacityReservationsResponse>");
        }

        context.Response.ContentType = "text/xml;charset=UTF-8";
        await context.Response.WriteAsync(xml.ToString()).ConfigureAwait(false);
    }

    /// <summary>Refuses what AWS would refuse: no SigV4 header, another key or service, or no X-Amz-Date.</summary>
    private async Task<bool> AuthorizedAsync(HttpContext context, string service, bool json)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var match = SigV4().Match(authorization);
        if (match.Success && match.Groups["key"].Value == AccessKeyId && match.Groups["service"].Value == service && context.Request.Headers.ContainsKey("X-Amz-Date"))
        {
            return true;
        }

        context.Response.StatusCode = (int)(json ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized);
        context.Response.ContentType = json ? "application/x-amz-json-1.1" : "text/xml";
        await context.Response.WriteAsync(json
            ? """{"__type":"IncompleteSignatureException","Message":"Authorization header requires a valid SigV4 signature."}"""
            : "<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors></Response>").ConfigureAwait(false);
        return false;
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]+)/\d{8}/[a-z0-9-]+/(?<service>[a-z0-9]+)/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$")]
    private static partial Regex SigV4();
}
