namespace Pipeline.Application.Capacity;

public sealed record CapacityReport(
    IReadOnlyList<HeadroomRow> Headroom,
    IReadOnlyList<DeliveryStatus> Deliveries,
    IReadOnlyList<CapacityRecord> Latest,
    int NotificationsEnqueued);
