namespace Pipeline.Connectors.Gcp;

/// <summary>
/// The SQL run against the billing export, aggregated in BigQuery to the daily grain so only a few thousand rows come
/// back. The table name is validated at start-up (project.dataset.table, no quotes) and the dates travel as parameters.
/// </summary>
internal static class GcpBillingQueries
{
    /// <summary>
    /// Credit types that are price reductions on the usage they sit on (committed use, sustained use, negotiated and
    /// spend-based discounts, subscription benefits, reseller margin): part of the usage's EffectiveCost. Other credits
    /// (promotions, free tier, anything new) are kept as separate Credit rows.
    /// </summary>
    public static readonly IReadOnlyList<string> DiscountCreditTypes =
    [
        "COMMITTED_USAGE_DISCOUNT", "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE", "SUSTAINED_USAGE_DISCOUNT", "DISCOUNT", "SPENDING_BASED_DISCOUNT",
        "SUBSCRIPTION_BENEFIT", "FEE_UTILIZATION_OFFSET", "RESELLER_MARGIN",
    ];

    public static string Standard(string table)
    {
        var discounts = string.Join(", ", DiscountCreditTypes.Select(t => $"'{t}'"));
        return $"""
            SELECT
              FORMAT_DATE('%Y-%m-%d', DATE(usage_start_time, 'UTC')) AS usage_date,
              invoice.month AS invoice_month,
              project.id AS project_id,
              ANY_VALUE(project.name) AS project_name,
              service.description AS service,
              location.region AS region,
              cost_type,
              currency,
              CAST(SUM(CAST(cost AS NUMERIC)) AS STRING) AS cost,
              CAST(SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) c WHERE c.type IN ({discounts})), 0)) AS STRING) AS discount_credits,
              CAST(SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) c WHERE c.type IS NULL OR c.type NOT IN ({discounts})), 0)) AS STRING) AS other_credits
            FROM `{table}`
            WHERE _PARTITIONTIME >= TIMESTAMP(@partition_start)
              AND usage_start_time >= TIMESTAMP(@start) AND usage_start_time < TIMESTAMP(@end)
            GROUP BY usage_date, invoice_month, project_id, service, region, cost_type, currency
            """;
    }

    public static string Focus(string table) => $"""
        SELECT
          FORMAT_DATE('%Y-%m-%d', DATE(ChargePeriodStart, 'UTC')) AS usage_date,
          FORMAT_DATE('%Y-%m-%d', DATE(BillingPeriodStart, 'UTC')) AS billing_period_start,
          SubAccountId AS project_id,
          ANY_VALUE(SubAccountName) AS project_name,
          ServiceName AS service,
          ANY_VALUE(ServiceCategory) AS service_category,
          RegionId AS region,
          ChargeCategory AS charge_category,
          BillingCurrency AS currency,
          CAST(SUM(CAST(BilledCost AS NUMERIC)) AS STRING) AS billed_cost,
          CAST(SUM(CAST(EffectiveCost AS NUMERIC)) AS STRING) AS effective_cost
        FROM `{table}`
        WHERE ChargePeriodStart >= TIMESTAMP(@start) AND ChargePeriodStart < TIMESTAMP(@end)
        GROUP BY usage_date, billing_period_start, project_id, service, region, charge_category, currency
        """;

    public static Dictionary<string, string> Parameters(DateOnly from, DateOnly to, int partitionMarginDays) => new()
    {
        ["start"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["end"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["partition_start"] = from.AddDays(-partitionMarginDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
