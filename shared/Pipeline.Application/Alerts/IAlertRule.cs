namespace Pipeline.Application.Alerts;

/// <summary>
/// One alert rule, evaluated in the pass that produces its input (<see cref="Evaluation.CommitmentPass"/>,
/// <see cref="Capacity.CapacityPass"/>, <see cref="Anomalies.SpendPass"/>). A new rule is one class and one
/// <see cref="AlertRuleRegistration.AddAlertRule{TInput, TRule}"/> line; the pass finds it, applies its conditions and
/// resolves what no longer holds. <see cref="Id"/> is the <c>alerts</c> table's PartitionKey: public, never renamed.
/// </summary>
public interface IAlertRule<in TInput>
{
    string Id { get; }

    /// <summary>The subjects this input covers, whose alerts resolve when they no longer hold.</summary>
    AlertScope Scope(TInput input);

    IEnumerable<AlertCondition> Evaluate(TInput input);
}
