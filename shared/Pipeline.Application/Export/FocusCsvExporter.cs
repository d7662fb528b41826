using System.Text;

namespace Pipeline.Application.Export;

/// <summary>
/// Writes <c>costs</c> rows as a FOCUS CSV: FOCUS column names, our columns prefixed <c>x_</c>, datetimes ISO 8601
/// UTC with <c>Z</c>, amounts as exact invariant decimals, one CSV row per stored row, RFC 4180 quoting, text cells
/// that a spreadsheet would run as a formula neutralized (<see cref="CsvCell"/>).
/// </summary>
public static class FocusCsvExporter
{
    public static readonly string[] Columns =
    [
        "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
        "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "PricingCategory", "ProviderName", "SubAccountId", "SubAccountName",
        "ServiceName", "ServiceCategory", "RegionId", "RegionName", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
        "x_AcceleratorModel", "x_SourceKind", "x_Source", "x_SourceRowCount", "x_Estimated",
    ];

    /// <summary>
    /// Writes the file whole or not at all: into a temporary file beside it, renamed over <paramref name="path"/> at the end.
    /// A replacement committing during the scan (<see cref="Storage.Costs.CostsChangedDuringReadException"/>) discards the
    /// attempt and reads again, so the file never mixes two versions of a window.
    /// </summary>
    public static async Task<long> WriteFileAsync(Func<IAsyncEnumerable<CostRow>> rows, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                long count;
                await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
                {
                    count = await WriteAsync(rows(), writer, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temporary, full, overwrite: true);
                return count;
            }
            catch (Storage.Costs.CostsChangedDuringReadException) when (attempt < 3)
            {
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }

    public static async Task<long> WriteAsync(IAsyncEnumerable<CostRow> rows, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(string.Join(',', Columns)).ConfigureAwait(false);
        long count = 0;
        var line = new StringBuilder(512);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            line.Clear();
            string[] values =
            [
                CsvCell.Text(row.BillingAccountId), CsvCell.Text(row.BillingAccountName), CsvCell.Text(row.BillingCurrency), Date(row.BillingPeriodStart), Date(row.BillingPeriodEnd),
                Date(row.ChargePeriodStart), Date(row.ChargePeriodEnd), CsvCell.Text(row.ChargeCategory), CsvCell.Text(row.ChargeClass), CsvCell.Text(row.PricingCategory),
                CsvCell.Text(row.ProviderName), CsvCell.Text(row.SubAccountId), CsvCell.Text(row.SubAccountName), CsvCell.Text(row.ServiceName), CsvCell.Text(row.ServiceCategory),
                CsvCell.Text(row.RegionId), CsvCell.Text(row.RegionName),
                Amount(row.BilledCost), Amount(row.EffectiveCost), Amount(row.ListCost), Amount(row.ContractedCost),
                CsvCell.Text(row.AcceleratorModel), CsvCell.Text(row.SourceKind), CsvCell.Text(row.Source), row.SourceRowCount.ToString(CultureInfo.InvariantCulture),
                row.Estimated ? "true" : "false",
            ];
            line.AppendJoin(',', values);

            await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static string Amount(decimal? amount) => amount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
