using Pipeline.Core.BurnRate;
using Pipeline.Core.Forecasting;
using Pipeline.Core.FxRates;
using Pipeline.Storage.BurnRate;
using Pipeline.Storage.Commitments;
using Pipeline.Storage.Costs;
using Pipeline.Storage.FxRates;

namespace Pipeline.Application.Evaluation;

/// <summary>
/// Evaluates spend commitments: for each provider, its cost rows are read once and shared by all its commitments;
/// each commitment gets a <c>burnrate</c> row as of the last complete day with data (or the given day).
/// Re-running for the same day rewrites the same row.
/// </summary>
public sealed partial class CommitmentEvaluator(
    CommitmentStore commitments,
    CostStore costs,
    FxRateStore fxRates,
    BurnRateStore burnRates,
    TimeProvider time,
    ILogger<CommitmentEvaluator> logger)
{
    /// <summary>Days of history before the as-of day that trailing rates and the forecast need.</summary>
    private const int LookbackDays = DailyForecaster.WindowDays + 30;

    public async Task<IReadOnlyList<CommitmentEvaluation>> EvaluateAsync(EvaluationRequest? request, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var all = new List<Commitment>();
        await foreach (var commitment in commitments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (commitment.Category == CommitmentCategory.Spend && Affected(commitment, request))
            {
                all.Add(commitment);
            }
        }

        var rates = new List<FxRate>();
        await foreach (var rate in fxRates.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            rates.Add(rate);
        }

        var book = new FxRateBook(rates);
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var results = new List<CommitmentEvaluation>();
        foreach (var provider in all.GroupBy(c => c.ProviderName, StringComparer.Ordinal))
        {
            var from = provider.Min(c => c.Start).AddDays(-LookbackDays);
            var to = asOf ?? (provider.Max(c => c.End) < yesterday ? provider.Max(c => c.End) : yesterday);
            var rows = new List<CostRow>();
            await foreach (var row in costs.QueryProviderAsync(provider.Key, from, to, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            // The last complete day with data: today is never complete, and a day without rows is not data.
            var dataDay = asOf ?? (rows.Count == 0 ? yesterday : rows.Max(r => r.ChargePeriodStart));
            foreach (var commitment in provider)
            {
                results.Add(await EvaluateOneAsync(commitment, rows, book, dataDay, cancellationToken).ConfigureAwait(false));
            }

        }

        return results;
    }

    private async Task<CommitmentEvaluation> EvaluateOneAsync(Commitment commitment, List<CostRow> rows, FxRateBook book, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        var spend = EligibleSpend.From(commitment, rows, book);
        if (spend.MissingRates.Count > 0)
        {
            var missing = string.Join(", ", spend.MissingRates.Select(m => $"{m.From}->{m.To} (from {m.Day:yyyy-MM-dd})"));
            LogMissingRates(commitment.Id, missing);
            return new CommitmentEvaluation(commitment, null, $"no recorded exchange rate for {missing}; import rates with ./run.sh fx import");
        }

        var snapshot = BurnRateCalculator.Calculate(commitment, spend.Daily, asOf);
        await burnRates.UpsertAsync(snapshot, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogEvaluated(commitment.Id, asOf, snapshot.Status, snapshot.PaceRatio, snapshot.ProjectedShortfall);
        return new CommitmentEvaluation(commitment, snapshot, null);
    }

    private static bool Affected(Commitment commitment, EvaluationRequest? request) =>
        request is null || commitment.CoversAccount(request.ProviderName, request.BillingAccountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commitment {CommitmentId} as of {AsOf}: {Status}, pace {PaceRatio}, projected shortfall {Shortfall}")]
    private partial void LogEvaluated(string commitmentId, DateOnly asOf, BurnStatus status, decimal? paceRatio, decimal shortfall);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commitment {CommitmentId} not evaluated: missing exchange rates {Missing}")]
    private partial void LogMissingRates(string commitmentId, string missing);
}
