using Pipeline.Core.BurnRate;
using Pipeline.Application.Evaluation;

namespace Pipeline.Application.Alerts;

/// <summary>
/// <c>commitment-burn</c>: a commitment projected short, exhausting early, or ended short, from each evaluated
/// commitment's burn-rate snapshot. Its emails embed the burn chart (<see cref="CommitmentBurnChart"/>).
/// </summary>
public sealed class CommitmentBurnRule() : AlertRule<CommitmentPass>(RuleId)
{
    public const string RuleId = "commitment-burn";

    /// <summary>A projected shortfall of this share of the amount or more is critical.</summary>
    public const decimal CriticalShortfallShare = 0.05m;

    public override AlertScope Scope(CommitmentPass input) => new(input.Evaluated.Select(e => e.Commitment.Id).ToList());

    public override IEnumerable<AlertCondition> Evaluate(CommitmentPass input) =>
        input.Evaluated.Select(e => Condition(e.Commitment, e.Snapshot!)).OfType<AlertCondition>();

    public static AlertCondition? Condition(Commitment commitment, BurnRateSnapshot s)
    {
        var money = (decimal amount) => MoneyFormat.Compact(amount, s.Currency);
        var share = s.ShortfallShare ?? 0m;
        var (severity, title) = s.Status switch
        {
            BurnStatus.AtRisk => (share >= CriticalShortfallShare ? AlertSeverity.Critical : AlertSeverity.Warning,
                $"[AT RISK] {commitment.Name}: projected shortfall {money(s.ProjectedShortfall)} ({Percent(-share)})"),
            BurnStatus.ExhaustingEarly => (AlertSeverity.Warning,
                $"[EXHAUSTING EARLY] {commitment.Name}: used up by {s.ExhaustionDate:yyyy-MM-dd}, {s.PeriodEnd.DayNumber - 1 - s.ExhaustionDate!.Value.DayNumber} days before the period ends"),
            BurnStatus.Shortfall => (AlertSeverity.Critical,
                $"[SHORTFALL] {commitment.Name}: ended {money(s.PeriodAmount - s.Consumed)} short ({Percent(-(s.PeriodAmount - s.Consumed) / Math.Max(1m, s.PeriodAmount))})"),
            _ => (AlertSeverity.Info, string.Empty),
        };
        if (title.Length == 0)
        {
            return null;
        }

        return new AlertCondition
        {
            Rule = RuleId,
            SubjectKey = commitment.Id,
            Severity = severity,
            Title = title,
            Summary = $"{commitment.Name} ({commitment.ProviderName}) as of {s.AsOf:yyyy-MM-dd}: {money(s.Consumed)} consumed of {money(s.PeriodAmount)} "
                      + $"for {s.PeriodStart:yyyy-MM-dd} to {s.PeriodEnd.AddDays(-1):yyyy-MM-dd}; {money(s.Expected)} was expected by now. "
                      + $"On the current trend the period ends at {money(s.ForecastP50)} (80% band {money(s.ForecastP10)} to {money(s.ForecastP90)}).",
            Facts = Facts(commitment, s),
            Fingerprint = string.Join('|', s.Status, Math.Round(share, 2).ToString(CultureInfo.InvariantCulture), s.ExhaustionDate?.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            Recipients = commitment.Owners,
            AsOf = s.AsOf,
        };
    }

    private static string Percent(decimal share) => PercentFormat.Whole(share, signed: true);

    private static List<KeyValuePair<string, string>> Facts(Commitment c, BurnRateSnapshot s)
    {
        string Money(decimal? v) => v is { } value ? MoneyFormat.Full(value, s.Currency) : "-";
        string Ratio(decimal? v) => v is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "-";
        return
        [
            new("Commitment", $"{c.Name} ({c.Id})"),
            new("Provider", c.ProviderName),
            new("Period", $"{s.PeriodStart:yyyy-MM-dd} to {s.PeriodEnd.AddDays(-1):yyyy-MM-dd}"),
            new("Status", s.Status.ToString()),
            new("Amount", Money(s.PeriodAmount)),
            new("Consumed to date", Money(s.Consumed)),
            new("Expected to date", Money(s.Expected)),
            new("Pace ratio", Ratio(s.PaceRatio)),
            new("Last 30 days, per day", Money(s.Rate30)),
            new("Required per day", Money(s.RequiredRate)),
            new("Burn ratio", Ratio(s.BurnRatio)),
            new("Forecast p10 / p50 / p90", $"{Money(s.ForecastP10)} / {Money(s.ForecastP50)} / {Money(s.ForecastP90)}"),
            new("Projected shortfall", Money(s.ProjectedShortfall)),
            new("Exhaustion date", s.ExhaustionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"),
        ];
    }
}
