namespace Pipeline.Application.Export;

/// <summary>The latest <c>capacity</c> rows as CSV, with the table's column names.</summary>
public static class CapacityCsvExporter
{
    public static readonly string[] Columns =
    [
        "ProviderName", "SubAccountId", "RegionId", "Kind", "Family", "ResourceId", "x_AcceleratorModel", "Unit", "Limit", "Used", "Available",
        "GpusLimit", "GpusUsed", "GpusAvailable", "Start", "End", "x_SnapshotAt", "x_Catalogued", "x_Spot",
        "x_Granted", "x_State",
    ];

    public static async Task<long> WriteAsync(IEnumerable<CapacityRecord> records, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(string.Join(',', Columns)).ConfigureAwait(false);
        long count = 0;
        foreach (var r in records.OrderBy(r => r.ProviderName, StringComparer.Ordinal).ThenBy(r => r.RegionId, StringComparer.Ordinal).ThenBy(r => r.Family, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string[] values =
            [
                CsvCell.Text(r.ProviderName), CsvCell.Text(r.SubAccountId), CsvCell.Text(r.RegionId), Storage(r.Kind), CsvCell.Text(r.Family), CsvCell.Text(r.ResourceId),
                CsvCell.Text(r.AcceleratorModel), r.Unit.ToString(), Num(r.Limit), Num(r.Used), Num(r.Available), Num(r.GpusLimit), Num(r.GpusUsed), Num(r.GpusAvailable),
                Time(r.Start), Time(r.End), Time(r.SnapshotAt), r.Catalogued ? "true" : "false", r.Spot ? "true" : "false",
                Num(r.Granted), CsvCell.Text(r.State),
            ];
            await writer.WriteLineAsync(string.Join(',', values)).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static string Storage(CapacityKind kind) => kind switch
    {
        CapacityKind.Quota => "quota",
        CapacityKind.Reservation => "reservation",
        _ => "capacity-block",
    };

    private static string Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
}
