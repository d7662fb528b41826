namespace Pipeline.Application.Alerts;

/// <summary>The usual shape of a rule: its id given once, its scope and evaluation written by the rule.</summary>
public abstract class AlertRule<TInput>(string id) : IAlertRule<TInput>
{
    public string Id => id;

    public abstract AlertScope Scope(TInput input);

    public abstract IEnumerable<AlertCondition> Evaluate(TInput input);
}
