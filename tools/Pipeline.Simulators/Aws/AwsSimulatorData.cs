namespace Pipeline.Simulators.Aws;

/// <summary>One daily Cost Explorer cell: linked account x service x region x day.</summary>
/// <summary>One Cost Explorer cell; <paramref name="RecordType"/> is its RECORD_TYPE (Usage, Credit, Support, RIFee, ...).</summary>
public sealed record AwsSimulatedCost(DateOnly Day, string LinkedAccount, string AccountName, string Service, string Region, decimal Unblended, decimal NetAmortized,
    string RecordType = "Usage");

/// <summary>An applied EC2 vCPU quota.</summary>
public sealed record AwsSimulatedQuota(string Region, string Code, string Name, decimal Value);

/// <summary>An EC2 capacity reservation or Capacity Block.</summary>
public sealed record AwsSimulatedReservation(string Region, string Id, string InstanceType, string AvailabilityZone, int Total, int Available,
    DateTimeOffset Start, DateTimeOffset? End, bool CapacityBlock);

/// <summary>What the AWS simulator serves.</summary>
public sealed record AwsSimulatorData(
    string AccountId,
    IReadOnlyList<AwsSimulatedCost> Costs,
    IReadOnlyList<AwsSimulatedQuota> Quotas,
    IReadOnlyList<AwsSimulatedReservation> Reservations,
    DateOnly EstimatedFrom);
