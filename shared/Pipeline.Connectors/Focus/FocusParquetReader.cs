using Parquet;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Focus;

/// <summary>Reads a FOCUS Parquet file row group by row group, so memory is bounded by the largest row group.</summary>
internal static class FocusParquetReader
{
    public static async Task<long> ReadAsync(Stream seekable, string file, DailyCostAggregator aggregator, SourceErrorLog errors,
        CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(seekable, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var map = FocusColumnMap.Resolve(fields.Select(f => f.Name).ToList(), out var missing);
        if (missing.Count > 0)
        {
            errors.Add(file, null, null, $"missing mandatory FOCUS column(s): {string.Join(", ", missing)}");
            return 0;
        }

        var builder = new FocusLineBuilder(map, aggregator, errors, file);
        var used = Enum.GetValues<FocusColumn>().Select(c => map[c]).Where(i => i >= 0).Distinct().ToArray();
        long rowsBefore = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rowGroup = reader.OpenRowGroupReader(g);
            var columns = new ParquetColumnText?[fields.Length];
            foreach (var index in used)
            {
                columns[index] = await ParquetColumnText.ReadAsync(rowGroup, fields[index], cancellationToken).ConfigureAwait(false);
            }

            var rowCount = (int)rowGroup.RowCount;
            for (var r = 0; r < rowCount; r++)
            {
                var row = new ParquetFields(columns, r);

                // Parquet has no lines: report the 1-based row number across the file.
                builder.TryAdd(ref row, rowsBefore + r + 1);
            }

            rowsBefore += rowCount;
        }

        return rowsBefore;
    }

    private readonly struct ParquetFields(ParquetColumnText?[] columns, int row) : IFocusFields
    {
        public ReadOnlySpan<char> Get(int index) => columns[index] is { } column ? column.Get(row) : [];
    }
}
