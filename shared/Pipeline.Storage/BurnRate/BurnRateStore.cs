using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using Pipeline.Core.BurnRate;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.BurnRate;

/// <summary>
/// The <c>burnrate</c> table: PartitionKey = ContractCommitmentId (escaped), RowKey = <c>yyyyMMdd</c> of the as-of day.
/// Amounts follow the costs rule (Double + exact <c>x_…Decimal</c>); ratios are rounded to 6 decimals;
/// <c>x_Chart</c> holds the cumulative and forecast series that charts draw.
/// </summary>
public sealed class BurnRateStore(PipelineTables tables)
{
    private static readonly string[] s_amounts = ["PeriodAmount", "Consumed", "Expected", "Rate7", "Rate30", "RequiredRate", "ForecastP10", "ForecastP50", "ForecastP90", "ProjectedShortfall"];

    public async Task UpsertAsync(BurnRateSnapshot snapshot, DateTimeOffset evaluatedAt, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.BurnRate).ConfigureAwait(false);
        await table.UpsertEntityAsync(ToEntity(snapshot, evaluatedAt), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<BurnRateSnapshot> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.BurnRate).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    public async Task<BurnRateSnapshot?> GetAsync(string commitmentId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.BurnRate).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(commitmentId), asOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    private static TableEntity ToEntity(BurnRateSnapshot s, DateTimeOffset evaluatedAt)
    {
        var entity = new TableEntity(TableKey.Escape(s.ContractCommitmentId), s.AsOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            ["ContractCommitmentId"] = s.ContractCommitmentId,
            ["AsOf"] = Utc(s.AsOf),
            ["PeriodStart"] = Utc(s.PeriodStart),
            ["PeriodEnd"] = Utc(s.PeriodEnd),
            ["Currency"] = s.Currency,
            ["Status"] = s.Status.ToString(),
            ["x_EvaluatedAt"] = evaluatedAt,
            ["x_Chart"] = JsonSerializer.Serialize(new ChartSeries(s.CumulativeConsumed, s.ForecastDaily), BurnRateJsonContext.Default.ChartSeries),
        };
        decimal?[] amounts = [s.PeriodAmount, s.Consumed, s.Expected, s.Rate7, s.Rate30, s.RequiredRate, s.ForecastP10, s.ForecastP50, s.ForecastP90, s.ProjectedShortfall];
        for (var i = 0; i < s_amounts.Length; i++)
        {
            if (amounts[i] is { } value)
            {
                entity[s_amounts[i]] = (double)value;
                entity[$"x_{s_amounts[i]}Decimal"] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        SetRatio(entity, "PaceRatio", s.PaceRatio);
        SetRatio(entity, "BurnRatio", s.BurnRatio);
        if (s.ExhaustionDate is { } exhausted)
        {
            entity["ExhaustionDate"] = Utc(exhausted);
        }

        return entity;
    }

    private static BurnRateSnapshot FromEntity(TableEntity e)
    {
        var chart = e.GetString("x_Chart") is { } json ? JsonSerializer.Deserialize(json, BurnRateJsonContext.Default.ChartSeries) : null;
        return new BurnRateSnapshot
        {
            ContractCommitmentId = e.GetString("ContractCommitmentId"),
            AsOf = Day(e, "AsOf")!.Value,
            PeriodStart = Day(e, "PeriodStart")!.Value,
            PeriodEnd = Day(e, "PeriodEnd")!.Value,
            Currency = e.GetString("Currency"),
            Status = Enum.Parse<BurnStatus>(e.GetString("Status")),
            PeriodAmount = Amount(e, "PeriodAmount") ?? 0m,
            Consumed = Amount(e, "Consumed") ?? 0m,
            Expected = Amount(e, "Expected") ?? 0m,
            Rate7 = Amount(e, "Rate7") ?? 0m,
            Rate30 = Amount(e, "Rate30") ?? 0m,
            RequiredRate = Amount(e, "RequiredRate"),
            ForecastP10 = Amount(e, "ForecastP10") ?? 0m,
            ForecastP50 = Amount(e, "ForecastP50") ?? 0m,
            ForecastP90 = Amount(e, "ForecastP90") ?? 0m,
            ProjectedShortfall = Amount(e, "ProjectedShortfall") ?? 0m,
            PaceRatio = Ratio(e, "PaceRatio"),
            BurnRatio = Ratio(e, "BurnRatio"),
            ExhaustionDate = Day(e, "ExhaustionDate"),
            CumulativeConsumed = chart?.Cumulative ?? [],
            ForecastDaily = chart?.Forecast ?? [],
        };
    }

    private static void SetRatio(TableEntity entity, string name, decimal? ratio)
    {
        if (ratio is { } value)
        {
            entity[name] = (double)Math.Round(value, 6);
            entity[$"x_{name}Decimal"] = Math.Round(value, 6).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static decimal? Amount(TableEntity e, string name) =>
        e.GetString($"x_{name}Decimal") is { } exact ? decimal.Parse(exact, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static decimal? Ratio(TableEntity e, string name) => Amount(e, name);

    private static DateOnly? Day(TableEntity e, string name) => e.GetDateTimeOffset(name) is { } value ? DateOnly.FromDateTime(value.UtcDateTime) : null;

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
