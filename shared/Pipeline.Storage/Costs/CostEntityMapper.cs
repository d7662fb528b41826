using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Pipeline.Core.Costs;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Costs;

/// <summary>
/// Maps <see cref="CostRow"/> to and from <c>costs</c> entities.
/// Keys: PartitionKey <c>{ProviderName}|{BillingAccountId}|{yyyyMM}</c>, RowKey <c>{yyyyMMdd}|{hash}</c> where the
/// hash covers the source and every dimension value, so the same day and dimensions always land on the same row.
/// Amount storage rule: each amount is written twice, as a Double under its FOCUS name (what BI tools sum) and
/// exactly as an invariant decimal string under <c>x_{Name}Decimal</c> (what this pipeline reads back).
/// </summary>
public static class CostEntityMapper
{
    public static string PartitionKey(string provider, string billingAccountId, DateOnly day) =>
        string.Join(TableKey.Separator, TableKey.Escape(provider), TableKey.Escape(billingAccountId), day.ToString("yyyyMM", CultureInfo.InvariantCulture));

    public static string RowKeyPrefix(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string RowKey(CostRow row) => $"{RowKeyPrefix(row.ChargePeriodStart)}{TableKey.Separator}{DimensionHash(row)}";

    public static TableEntity ToEntity(CostRow row, string runId, DateTimeOffset ingestedAt)
    {
        var entity = new TableEntity(PartitionKey(row.ProviderName, row.BillingAccountId, row.ChargePeriodStart), RowKey(row))
        {
            [CostColumns.ChargePeriodStart] = Utc(row.ChargePeriodStart),
            [CostColumns.ChargePeriodEnd] = Utc(row.ChargePeriodEnd),
            [CostColumns.BillingPeriodStart] = Utc(row.BillingPeriodStart),
            [CostColumns.BillingPeriodEnd] = Utc(row.BillingPeriodEnd),
            [CostColumns.ProviderName] = row.ProviderName,
            [CostColumns.BillingAccountId] = row.BillingAccountId,
            [CostColumns.ChargeCategory] = row.ChargeCategory,
            [CostColumns.BillingCurrency] = row.BillingCurrency,
            [CostColumns.SourceKind] = row.SourceKind,
            [CostColumns.Source] = row.Source,
            [CostColumns.SourceRowCount] = row.SourceRowCount,
            [CostColumns.Estimated] = row.Estimated,
            [CostColumns.IngestedAt] = ingestedAt,
            [CostColumns.RunId] = runId,
        };
        SetOptional(entity, CostColumns.BillingAccountName, row.BillingAccountName);
        SetOptional(entity, CostColumns.SubAccountId, row.SubAccountId);
        SetOptional(entity, CostColumns.SubAccountName, row.SubAccountName);
        SetOptional(entity, CostColumns.ServiceName, row.ServiceName);
        SetOptional(entity, CostColumns.ServiceCategory, row.ServiceCategory);
        SetOptional(entity, CostColumns.RegionId, row.RegionId);
        SetOptional(entity, CostColumns.RegionName, row.RegionName);
        SetOptional(entity, CostColumns.ChargeClass, row.ChargeClass);
        SetOptional(entity, CostColumns.PricingCategory, row.PricingCategory);
        SetOptional(entity, CostColumns.AcceleratorModel, row.AcceleratorModel);
        SetAmount(entity, CostColumns.BilledCost, row.BilledCost);
        SetAmount(entity, CostColumns.EffectiveCost, row.EffectiveCost);
        SetAmount(entity, CostColumns.ListCost, row.ListCost);
        SetAmount(entity, CostColumns.ContractedCost, row.ContractedCost);
        entity[CostColumns.ContentHash] = ContentHash(row);
        return entity;
    }

    public static CostRow FromEntity(TableEntity entity) => new()
    {
        ChargePeriodStart = Day(entity, CostColumns.ChargePeriodStart),
        BillingPeriodStart = Day(entity, CostColumns.BillingPeriodStart),
        BillingPeriodEnd = Day(entity, CostColumns.BillingPeriodEnd),
        ProviderName = entity.GetString(CostColumns.ProviderName),
        BillingAccountId = entity.GetString(CostColumns.BillingAccountId),
        BillingAccountName = entity.GetString(CostColumns.BillingAccountName),
        SubAccountId = entity.GetString(CostColumns.SubAccountId),
        SubAccountName = entity.GetString(CostColumns.SubAccountName),
        ServiceName = entity.GetString(CostColumns.ServiceName),
        ServiceCategory = entity.GetString(CostColumns.ServiceCategory),
        RegionId = entity.GetString(CostColumns.RegionId),
        RegionName = entity.GetString(CostColumns.RegionName),
        ChargeCategory = entity.GetString(CostColumns.ChargeCategory),
        ChargeClass = entity.GetString(CostColumns.ChargeClass),
        PricingCategory = entity.GetString(CostColumns.PricingCategory),
        BillingCurrency = entity.GetString(CostColumns.BillingCurrency),
        BilledCost = Amount(entity, CostColumns.BilledCost) ?? 0m,
        EffectiveCost = Amount(entity, CostColumns.EffectiveCost) ?? 0m,
        ListCost = Amount(entity, CostColumns.ListCost),
        ContractedCost = Amount(entity, CostColumns.ContractedCost),
        AcceleratorModel = entity.GetString(CostColumns.AcceleratorModel),
        SourceKind = entity.GetString(CostColumns.SourceKind),
        Source = entity.GetString(CostColumns.Source),
        SourceRowCount = entity.GetInt64(CostColumns.SourceRowCount) ?? 0,
        Estimated = entity.GetBoolean(CostColumns.Estimated) ?? false,
    };

    /// <summary>A fingerprint of everything stored except run bookkeeping: equal hash, nothing to write.</summary>
    public static string ContentHash(CostRow row) => Hash(
        row.Source, row.SourceKind, row.ProviderName, row.BillingAccountId, row.BillingAccountName, row.SubAccountId, row.SubAccountName,
        row.ServiceName, row.ServiceCategory, row.RegionId, row.RegionName, row.ChargeCategory, row.ChargeClass, row.PricingCategory,
        row.BillingCurrency, row.AcceleratorModel, Day(row.ChargePeriodStart), Day(row.BillingPeriodStart), Day(row.BillingPeriodEnd),
        Exact(row.BilledCost), Exact(row.EffectiveCost), Exact(row.ListCost), Exact(row.ContractedCost),
        row.SourceRowCount.ToString(CultureInfo.InvariantCulture), row.Estimated ? "estimated" : "final");

    private static string DimensionHash(CostRow row) => Hash(
        row.Source, row.ProviderName, row.BillingAccountId, row.SubAccountId, row.ServiceName, row.ServiceCategory, row.RegionId,
        row.ChargeCategory, row.ChargeClass, row.PricingCategory, row.BillingCurrency, row.AcceleratorModel,
        Day(row.BillingPeriodStart), Day(row.BillingPeriodEnd))[..20];

    private static string Hash(params string?[] values)
    {
        var text = new StringBuilder();
        foreach (var value in values)
        {
            // Length-prefixed so ("ab", "c") and ("a", "bc") differ, and null differs from empty.
            text.Append(value?.Length ?? -1).Append(':').Append(value).Append('\u001f');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Exact(decimal? amount) => amount?.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateOnly Day(TableEntity entity, string column) =>
        DateOnly.FromDateTime((entity.GetDateTimeOffset(column) ?? throw new InvalidDataException($"costs row {entity.PartitionKey}/{entity.RowKey} has no {column}")).UtcDateTime);

    private static void SetOptional(TableEntity entity, string column, string? value)
    {
        if (value is not null)
        {
            entity[column] = value;
        }
    }

    private static void SetAmount(TableEntity entity, string column, decimal? amount)
    {
        if (amount is { } value)
        {
            entity[column] = (double)value;
            entity[CostColumns.ExactTwin(column)] = value.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static decimal? Amount(TableEntity entity, string column)
    {
        if (entity.GetString(CostColumns.ExactTwin(column)) is { } exact)
        {
            return decimal.Parse(exact, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return entity.GetDouble(column) is { } approximate ? (decimal)approximate : null;
    }
}
