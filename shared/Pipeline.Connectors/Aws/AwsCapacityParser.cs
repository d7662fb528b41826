namespace Pipeline.Connectors.Aws;

/// <summary>
/// Service Quotas <c>ListServiceQuotas</c> / <c>GetServiceQuota</c> responses and EC2 <c>DescribeCapacityReservations</c>
/// (JSON view) as capacity observations. Account and region come from the quota ARN and the reservation's owner and zone.
/// </summary>
public static class AwsCapacityParser
{
    /// <summary>
    /// Quota values are vCPUs; AWS reports their usage only through CloudWatch, so Used stays unknown here. The account
    /// is the ARN's, or <paramref name="callerAccount"/> where the ARN has none: <c>GetAWSDefaultServiceQuota</c> answers
    /// <c>arn:aws:servicequotas:us-east-2::ec2/L-1216C47A</c>, the default being no account's own.
    /// </summary>
    public static IEnumerable<CapacityObservation> ParseServiceQuotas(JsonElement response, string callerAccount)
    {
        IEnumerable<JsonElement> quotas = response.Property("Quotas") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray()
            : response.Property("Quota") is { } single ? [single] : throw new ProviderBadResponseException(AwsProvider.DisplayName, "Service Quotas response has neither 'Quotas' nor 'Quota'");
        foreach (var quota in quotas)
        {
            var arn = quota.RequiredString("QuotaArn", "Service Quotas quota", AwsProvider.DisplayName);
            var parts = arn.Split(':');
            if (parts.Length < 6)
            {
                throw new ProviderBadResponseException(AwsProvider.DisplayName, $"Service Quotas quota: '{arn}' is not an ARN");
            }

            yield return new CapacityObservation(AwsProvider.FocusName, parts[4].Length > 0 ? parts[4] : callerAccount, parts[3], CapacityKind.Quota,
                quota.RequiredString("QuotaCode", "Service Quotas quota", AwsProvider.DisplayName), quota.RequiredNumber("Value", "Service Quotas quota", AwsProvider.DisplayName), Used: null);
        }
    }

    /// <summary>
    /// Reservations that hold or will hold capacity: Limit = total instances, Used = total - available; Capacity Blocks by
    /// ReservationType. A Capacity Block bought but not yet paid (<c>payment-pending</c>) is kept, its state in
    /// <see cref="CapacityObservation.State"/>, as are scheduled and pending ones.
    /// </summary>
    public static IEnumerable<CapacityObservation> ParseCapacityReservations(JsonElement response)
    {
        foreach (var r in response.Array("CapacityReservations"))
        {
            var state = r.String("State");
            if (state is not (null or "active" or "scheduled" or "pending" or "payment-pending"))
            {
                continue;
            }

            var what = "EC2 capacity reservation";
            var total = r.RequiredNumber("TotalInstanceCount", what, AwsProvider.DisplayName);
            var available = r.RequiredNumber("AvailableInstanceCount", what, AwsProvider.DisplayName);
            var zone = r.RequiredString("AvailabilityZone", what, AwsProvider.DisplayName);
            var kind = string.Equals(r.String("ReservationType"), "capacity-block", StringComparison.OrdinalIgnoreCase) ? CapacityKind.CapacityBlock : CapacityKind.Reservation;
            yield return new CapacityObservation(AwsProvider.FocusName, r.String("OwnerId") ?? "unknown", zone.TrimEnd('a', 'b', 'c', 'd', 'e', 'f'), kind,
                r.RequiredString("InstanceType", what, AwsProvider.DisplayName), total, total - available, r.String("CapacityReservationId"), r.Date("StartDate"), r.Date("EndDate"),
                State: state);
        }
    }
}
