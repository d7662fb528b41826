namespace Pipeline.Simulators.Oci;

/// <summary>One Usage API daily item: compartment x service x region x day.</summary>
public sealed record OciSimulatedCost(DateOnly Day, string CompartmentId, string CompartmentName, string Service, string Region, decimal Amount);

/// <summary>A GPU limit's availability in one availability domain.</summary>
public sealed record OciSimulatedAvailability(string Region, string AvailabilityDomain, string LimitName, int Used, int Available);

/// <summary>A OneSubscription commitment (Universal Credits) of a subscribed service.</summary>
public sealed record OciSimulatedCommitment(string SubscribedServiceId, string Id, DateOnly Start, DateOnly End, decimal Used, decimal Available);

/// <summary>One instance reservation config of a compute capacity reservation.</summary>
public sealed record OciSimulatedReservationConfig(string Shape, string? FaultDomain, int Reserved, int Used);

/// <summary>A compute capacity reservation in a compartment and availability domain.</summary>
public sealed record OciSimulatedReservation(string Region, string CompartmentId, string Id, string DisplayName, string AvailabilityDomain, string LifecycleState,
    IReadOnlyList<OciSimulatedReservationConfig> Configs);

/// <summary>What the OCI simulator serves.</summary>
public sealed record OciSimulatorData(string TenancyId, IReadOnlyList<OciSimulatedCost> Costs, IReadOnlyList<OciSimulatedAvailability> Availability,
    IReadOnlyList<OciSimulatedCommitment> Commitments, IReadOnlyList<OciSimulatedReservation>? Reservations = null);
