using Pipeline.Core.BurnRate;

namespace Pipeline.Application.Export;

/// <summary>The <c>burnrate</c> table as CSV, with the published column set and order (see docs/data-dictionary.md).</summary>
public static class BurnRateCsvExporter
{
    public static readonly string[] Columns =
    [
        "ContractCommitmentId", "AsOf", "PeriodStart", "PeriodEnd", "PeriodAmount", "Consumed", "Expected", "PaceRatio", "Rate7", "Rate30",
        "RequiredRate", "BurnRatio", "ForecastP10", "ForecastP50", "ForecastP90", "ProjectedShortfall", "ExhaustionDate", "Status",
    ];

    public static async Task<long> WriteAsync(IAsyncEnumerable<BurnRateSnapshot> snapshots, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(string.Join(',', Columns)).ConfigureAwait(false);
        long count = 0;
        await foreach (var s in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            string?[] values =
            [
                CsvCell.Text(s.ContractCommitmentId), Day(s.AsOf), Day(s.PeriodStart), Day(s.PeriodEnd), Num(s.PeriodAmount), Num(s.Consumed), Num(s.Expected),
                Ratio(s.PaceRatio), Num(s.Rate7), Num(s.Rate30), Num(s.RequiredRate), Ratio(s.BurnRatio), Num(s.ForecastP10), Num(s.ForecastP50),
                Num(s.ForecastP90), Num(s.ProjectedShortfall), s.ExhaustionDate is { } e ? Day(e) : null, s.Status.ToString(),
            ];
            await writer.WriteLineAsync(string.Join(',', values)).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Ratio(decimal? value) => value is { } v ? Math.Round(v, 6).ToString(CultureInfo.InvariantCulture) : null;
}
