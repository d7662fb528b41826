namespace Pipeline.Application.Capacity;

/// <summary>
/// A capacity rule that judges each quota, reservation or block of the latest snapshot on its own: the whole snapshot is
/// its scope (an alert of a record that left it resolves) and its alerts go to the provider's capacity owners.
/// </summary>
public abstract class CapacityRecordRule(string id) : AlertRule<CapacityPass>(id)
{
    public sealed override AlertScope Scope(CapacityPass input) => input.RecordScope;

    public sealed override IEnumerable<AlertCondition> Evaluate(CapacityPass input) =>
        input.Latest.Select(r => input.WithOwners(r, Judge(r, input))).OfType<AlertCondition>();

    /// <summary>The condition one record is in under this rule, or null when it is fine.</summary>
    protected abstract AlertCondition? Judge(CapacityRecord record, CapacityPass input);
}
