using Pipeline.Application.Options;
using Pipeline.Core.Anomalies;
using Pipeline.Storage.Commitments;
using Pipeline.Storage.Costs;

namespace Pipeline.Application.Anomalies;

/// <summary>
/// The spend-anomaly pass: reads the costs of the evaluated days (the last <c>Anomalies:LookbackDays</c>, or those of an
/// evaluation request) with their baseline weeks, and applies the rules registered for it (<see cref="SpendAnomalyRule"/>).
/// Only usage is judged: a purchase, a tax or a credit is a planned or contractual charge (a support plan on the 1st,
/// a reservation bought), not consumption running away, and would be a "spike" every time it recurs.
/// </summary>
public sealed class SpendAnomalyJob(CostStore costs, CommitmentStore commitments, AlertService alerts, IEnumerable<IAlertRule<SpendPass>> rules,
    IOptions<AnomalyOptions> options, TimeProvider time)
{
    public async Task<int> RunAsync(EvaluationRequest? request, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var thresholds = new AnomalyThresholds(settings.MinZScore, settings.MinImpact);
        var lastDay = asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var from = lastDay.AddDays(1 - settings.LookbackDays);
        var to = lastDay;
        if (request is not null)
        {
            from = request.From > from ? request.From : from;
            to = request.To.AddDays(-1) < to ? request.To.AddDays(-1) : to;
        }

        if (to < from)
        {
            return 0;
        }

        var readFrom = from.AddDays(-7 * thresholds.BaselineWeeks);
        var rows = new List<CostRow>();
        var query = request is null ? costs.QueryAllAsync(readFrom, to, cancellationToken) : costs.QueryProviderAsync(request.ProviderName, readFrom, to, cancellationToken);
        await foreach (var row in query.ConfigureAwait(false))
        {
            if ((request is null || row.BillingAccountId == request.BillingAccountId) && string.Equals(row.ChargeCategory, "Usage", StringComparison.OrdinalIgnoreCase))
            {
                rows.Add(row);
            }
        }

        var owners = new List<Commitment>();
        await foreach (var commitment in commitments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            owners.Add(commitment);
        }

        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        return await alerts.ApplyRulesAsync(rules, new SpendPass(rows, days, owners, thresholds), cancellationToken).ConfigureAwait(false);
    }
}
