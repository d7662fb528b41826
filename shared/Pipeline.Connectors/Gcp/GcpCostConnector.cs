using Pipeline.Connectors.Gcp.Auth;
using Pipeline.Core.Money;

namespace Pipeline.Connectors.Gcp;

/// <summary>
/// Daily Google Cloud costs from the BigQuery billing export (standard table or FOCUS export, by
/// <c>Gcp:ExportKind</c>), aggregated in SQL; the billing account's display name from the Cloud Billing API.
/// Standard export: <c>cost</c> is BilledCost of a Usage/Tax/Adjustment row whose EffectiveCost also carries its
/// discount credits; every credit is billed, and the non-discount ones (promotions, free tier) become Credit rows,
/// so both totals equal cost + credits.
/// </summary>
public sealed class GcpCostConnector(IOptions<GcpOptions> options, GcpHttp http, TimeProvider time)
{
    public const string Source = "gcp-billing-export";

    /// <param name="meter">Counts the pull's calls (the ingestion's, so a failed pull still records them); a new one when null.</param>
    public async Task<CostPull> PullAsync(DateOnly from, DateOnly to, ProviderCallMeter? meter = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var api = http.NewClient(meter);
        var bigQuery = new BigQueryClient(api, o.BigQueryEndpoint, time);
        var table = o.ExportTable ?? throw new InvalidOperationException("Gcp:ExportTable is not set.");
        var parameters = GcpBillingQueries.Parameters(from, to, o.PartitionMarginDays);
        if (o.ExportKind == GcpExportKind.Focus)
        {
            parameters.Remove("partition_start");
        }

        var result = await bigQuery.QueryAsync(o.QueryProject!, o.Location, o.ExportKind == GcpExportKind.Focus ? GcpBillingQueries.Focus(table) : GcpBillingQueries.Standard(table),
            parameters, o.MaximumBytesBilled, o.QueryTimeout, cancellationToken).ConfigureAwait(false);
        var accountName = await AccountNameAsync(api, o, cancellationToken).ConfigureAwait(false);
        var rows = o.ExportKind == GcpExportKind.Focus ? MapFocus(result, o.BillingAccountId!, accountName) : MapStandard(result, o.BillingAccountId!, accountName);
        return new CostPull(rows, result.BytesProcessed);
    }

    /// <summary>Only metadata: a missing Billing Account Viewer role leaves the name empty rather than failing the costs.</summary>
    private static async Task<string?> AccountNameAsync(GoogleApiClient api, GcpOptions o, CancellationToken cancellationToken)
    {
        try
        {
            var account = await api.SendAsync(HttpMethod.Get, new Uri(o.CloudBillingEndpoint, $"v1/billingAccounts/{Uri.EscapeDataString(o.BillingAccountId!)}"), null, cancellationToken)
                .ConfigureAwait(false);
            return account.String("displayName");
        }
        catch (ProviderUnauthorizedException)
        {
            return null;
        }
    }

    internal static List<CostRow> MapStandard(BigQueryResult result, string billingAccountId, string? accountName)
    {
        int date = result.Column("usage_date"), invoice = result.Column("invoice_month"), project = result.Column("project_id"), projectName = result.Column("project_name"),
            service = result.Column("service"), region = result.Column("region"), costType = result.Column("cost_type"), currency = result.Column("currency"),
            cost = result.Column("cost"), discounts = result.Column("discount_credits"), others = result.Column("other_credits");
        var rows = new List<CostRow>();
        for (var i = 0; i < result.Rows.Count; i++)
        {
            var r = result.Rows[i];
            var where = $"row {i + 1}";
            var day = Day(r[date], where);
            var period = InvoiceMonth(r[invoice], day, where);
            var amount = Amount(r[cost], "cost", where);
            var discount = Amount(r[discounts], "discount_credits", where);
            var other = Amount(r[others], "other_credits", where);
            var row = new CostRow
            {
                ChargePeriodStart = day, BillingPeriodStart = period, BillingPeriodEnd = period.AddMonths(1), ProviderName = GcpProvider.FocusName,
                BillingAccountId = billingAccountId, BillingAccountName = accountName, SubAccountId = r[project], SubAccountName = r[projectName],
                ServiceName = r[service], ServiceCategory = GcpServiceCategories.For(r[service]), RegionId = Region(r[region]),
                ChargeCategory = ChargeCategory(r[costType]), BillingCurrency = Currency(r[currency], where),
                BilledCost = amount, EffectiveCost = amount + discount, SourceKind = "api", Source = Source,
            };
            if (amount != 0 || discount != 0)
            {
                rows.Add(row);
            }

            if (discount + other != 0)
            {
                rows.Add(row with { ChargeCategory = "Credit", BilledCost = discount + other, EffectiveCost = other });
            }
        }

        return rows;
    }

    internal static List<CostRow> MapFocus(BigQueryResult result, string billingAccountId, string? accountName)
    {
        int date = result.Column("usage_date"), periodStart = result.Column("billing_period_start"), project = result.Column("project_id"), projectName = result.Column("project_name"),
            service = result.Column("service"), category = result.Column("service_category"), region = result.Column("region"), charge = result.Column("charge_category"),
            currency = result.Column("currency"), billed = result.Column("billed_cost"), effective = result.Column("effective_cost");
        var rows = new List<CostRow>();
        for (var i = 0; i < result.Rows.Count; i++)
        {
            var r = result.Rows[i];
            var where = $"row {i + 1}";
            var day = Day(r[date], where);
            var period = r[periodStart] is { } p ? Day(p, where) : new DateOnly(day.Year, day.Month, 1);
            rows.Add(new CostRow
            {
                ChargePeriodStart = day, BillingPeriodStart = period, BillingPeriodEnd = period.AddMonths(1), ProviderName = GcpProvider.FocusName,
                BillingAccountId = billingAccountId, BillingAccountName = accountName, SubAccountId = r[project], SubAccountName = r[projectName],
                ServiceName = r[service], ServiceCategory = r[category] ?? GcpServiceCategories.For(r[service]), RegionId = Region(r[region]),
                ChargeCategory = r[charge] ?? throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{where}: ChargeCategory is null"),
                BillingCurrency = Currency(r[currency], where),
                BilledCost = Amount(r[billed], "BilledCost", where), EffectiveCost = Amount(r[effective], "EffectiveCost", where), SourceKind = "api", Source = Source,
            });
        }

        return rows;
    }

    private static DateOnly Day(string? text, string where) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{where}: usage date '{text}' is not yyyy-MM-dd");

    /// <summary>The invoice month (<c>YYYYMM</c>) a row is billed in; late rows of a month's last day can belong to the next one.</summary>
    private static DateOnly InvoiceMonth(string? text, DateOnly day, string where)
    {
        if (text is null)
        {
            return new DateOnly(day.Year, day.Month, 1);
        }

        return text.Length == 6 && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
               && int.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            ? new DateOnly(year, month, 1)
            : throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{where}: invoice month '{text}' is not YYYYMM");
    }

    private static decimal Amount(string? text, string column, string where)
    {
        if (text is null)
        {
            return 0m;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{where}: {column} '{text}' is not a number");
    }

    private static string Currency(string? text, string where) =>
        CurrencyCodes.Normalize(text ?? string.Empty) ?? throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{where}: currency '{text}' is not ISO 4217");

    private static string? Region(string? region) => string.IsNullOrWhiteSpace(region) || region.Equals("global", StringComparison.OrdinalIgnoreCase) ? null : region.Trim();

    /// <summary>
    /// The export's <c>cost_type</c> (<c>regular</c>, <c>tax</c>, <c>adjustment</c>, <c>rounding error</c>) as FOCUS
    /// ChargeCategory. The rounding type is documented as "rounding error" and seen as "rounding_error": both are a
    /// rounding adjustment, never usage.
    /// </summary>
    internal static string ChargeCategory(string? costType) => costType?.Trim().ToLowerInvariant().Replace(' ', '_') switch
    {
        "tax" => "Tax",
        "adjustment" or "rounding_error" => "Adjustment",
        _ => "Usage",
    };
}
