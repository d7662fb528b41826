using System.Text.Json.Nodes;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// GPU capacity from AWS: Service Quotas <c>GetServiceQuota</c> for each configured EC2 vCPU quota code in each region
/// (falling back to the AWS default value when the quota was never changed), and EC2 <c>DescribeCapacityReservations</c>
/// through AWSSDK.EC2, which covers Capacity Blocks for ML (<c>ReservationType = capacity-block</c>). Both are free.
/// </summary>
public sealed class AwsCapacityConnector(IOptions<AwsOptions> options, AwsCredentialsFactory credentials, AwsHttp http)
{
    private const string QuotasTarget = "ServiceQuotasV20190624";

    public async Task<IReadOnlyList<CapacityObservation>> PullAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var observations = new List<CapacityObservation>();
        foreach (var region in o.EffectiveRegions)
        {
            observations.AddRange(await QuotasAsync(o, region, cancellationToken).ConfigureAwait(false));
            observations.AddRange(await ReservationsAsync(o, region, cancellationToken).ConfigureAwait(false));
        }

        return observations;
    }

    private async Task<List<CapacityObservation>> QuotasAsync(AwsOptions o, string region, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(o.ServiceQuotasEndpoint.Replace("{region}", region, StringComparison.Ordinal));
        var client = http.NewJsonClient(region, "servicequotas", endpoint, QuotasTarget, new ProviderCallMeter());
        var observations = new List<CapacityObservation>();
        foreach (var code in o.EffectiveQuotaCodes)
        {
            var body = new JsonObject { ["ServiceCode"] = "ec2", ["QuotaCode"] = code }.ToJsonString();
            System.Text.Json.JsonDocument response;
            try
            {
                response = await client.SendAsync("GetServiceQuota", body, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderRequestException ex) when (ex.Code == "NoSuchResourceException")
            {
                response = await client.SendAsync("GetAWSDefaultServiceQuota", body, cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                observations.AddRange(AwsCapacityParser.ParseServiceQuotas(response.RootElement, o.CallerAccount));
            }
        }

        return observations;
    }

    private async Task<List<CapacityObservation>> ReservationsAsync(AwsOptions o, string region, CancellationToken cancellationToken)
    {
        var config = new AmazonEC2Config { MaxErrorRetry = 5 };
        if (!string.IsNullOrEmpty(o.Ec2Endpoint))
        {
            config.ServiceURL = o.Ec2Endpoint.Replace("{region}", region, StringComparison.Ordinal);
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        using var ec2 = new AmazonEC2Client(credentials.Get(), config);
        var observations = new List<CapacityObservation>();
        string? token = null;
        var pages = new PageTokens(AwsProvider.DisplayName, $"DescribeCapacityReservations ({region})");
        do
        {
            var response = await ec2.DescribeCapacityReservationsAsync(new DescribeCapacityReservationsRequest { NextToken = token, MaxResults = 1000 }, cancellationToken).ConfigureAwait(false);
            foreach (var r in response.CapacityReservations ?? [])
            {
                if (r.State?.Value is not (null or "active" or "scheduled" or "pending"))
                {
                    continue;
                }

                var total = r.TotalInstanceCount ?? 0;
                var available = r.AvailableInstanceCount ?? 0;
                var kind = r.ReservationType?.Value == "capacity-block" ? CapacityKind.CapacityBlock : CapacityKind.Reservation;
                observations.Add(new CapacityObservation(AwsProvider.FocusName, r.OwnerId ?? "unknown", region, kind, r.InstanceType,
                    total, total - available, r.CapacityReservationId,
                    r.StartDate is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : null,
                    r.EndDate is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : null));
            }

            token = pages.Next(response.NextToken);
        }
        while (token is not null);

        return observations;
    }
}
