using Pipeline.Application.Evaluation;

namespace Pipeline.Application.Alerts;

/// <summary><c>data-quality-fx</c>: a commitment that could not be evaluated because an exchange rate is missing.</summary>
public sealed class MissingRatesRule() : AlertRule<CommitmentPass>(RuleId)
{
    public const string RuleId = "data-quality-fx";

    public override AlertScope Scope(CommitmentPass input) => new(input.Evaluations.Select(e => e.Commitment.Id).ToList());

    public override IEnumerable<AlertCondition> Evaluate(CommitmentPass input) =>
        input.Evaluations.Where(e => e.Problem is not null).Select(e => new AlertCondition
        {
            Rule = RuleId,
            SubjectKey = e.Commitment.Id,
            Severity = AlertSeverity.Warning,
            Title = $"[DATA QUALITY] {e.Commitment.Name}: not evaluated, exchange rate missing",
            Summary = $"{e.Commitment.Name} could not be evaluated: {e.Problem}. Costs are never converted with a guessed rate.",
            Fingerprint = e.Problem!,
            Recipients = e.Commitment.Owners,
        });
}
