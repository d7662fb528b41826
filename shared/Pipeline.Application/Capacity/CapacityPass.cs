using Pipeline.Application.Options;

namespace Pipeline.Application.Capacity;

/// <summary>
/// What one capacity evaluation pass sees, the input of its alert rules: the latest snapshot, the daily history of the
/// reservations (for idleness), the capacity commitments and their delivery today, the settings and the time.
/// </summary>
public sealed class CapacityPass(
    IReadOnlyList<CapacityRecord> latest,
    IReadOnlyList<CapacityRecord> history,
    IReadOnlyList<(Commitment Commitment, DeliveryStatus Status)> deliveries,
    CapacityOptions settings,
    DateTimeOffset now)
{
    private readonly ILookup<string, CapacityRecord> _history = history.ToLookup(CapacityAlertFacts.Subject, StringComparer.Ordinal);

    // Capacity alerts go to the owners of the provider's capacity commitments (else Email:DefaultRecipients).
    private readonly Dictionary<string, IReadOnlyList<string>> _owners = deliveries.Select(d => d.Commitment).GroupBy(c => c.ProviderName, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(c => c.Owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<CapacityRecord> Latest => latest;

    public IReadOnlyList<(Commitment Commitment, DeliveryStatus Status)> Deliveries => deliveries;

    public CapacityOptions Settings => settings;

    public DateTimeOffset Now => now;

    /// <summary>Every record of the snapshot; complete, so an alert of a record that left the snapshot resolves.</summary>
    public AlertScope RecordScope => new(latest.Select(CapacityAlertFacts.Subject).ToList(), Complete: true);

    /// <summary>The daily history of the same quota, reservation or block.</summary>
    public IReadOnlyList<CapacityRecord> HistoryOf(CapacityRecord record) => _history[CapacityAlertFacts.Subject(record)].ToList();

    public AlertCondition? WithOwners(CapacityRecord record, AlertCondition? condition) =>
        condition is null ? null : condition with { Recipients = _owners.GetValueOrDefault(record.ProviderName, []) };
}
