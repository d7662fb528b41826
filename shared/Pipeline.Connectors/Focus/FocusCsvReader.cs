using nietras.SeparatedValues;
using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Streams a FOCUS CSV (already decompressed) into the aggregate. Quoted fields, doubled quotes (JSON tags),
/// a BOM, CRLF and blank lines are accepted; the separator is detected from the header.
/// </summary>
internal static class FocusCsvReader
{
    public static async Task<long> ReadAsync(Stream stream, string file, DailyCostAggregator aggregator, SourceErrorLog errors,
        CancellationToken cancellationToken)
    {
        using var reader = await Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true })
            .FromAsync(stream, cancellationToken).ConfigureAwait(false);
        if (reader.IsEmpty)
        {
            errors.Add(file, null, null, "the file is empty (no FOCUS header)");
            return 0;
        }

        var map = FocusColumnMap.Resolve(reader.Header.ColNames, out var missing);
        if (missing.Count > 0)
        {
            errors.Add(file, 1, null, $"missing mandatory FOCUS column(s): {string.Join(", ", missing)}");
            return 0;
        }

        var builder = new FocusLineBuilder(map, aggregator, errors, file);
        var columnCount = map.HeaderNames.Length;
        long rows = 0;
        await foreach (var row in reader.ConfigureAwait(false))
        {
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                continue;
            }

            rows++;
            if (row.ColCount != columnCount)
            {
                errors.Add(file, row.LineNumberFrom, null, $"has {row.ColCount} field(s) but the header has {columnCount}");
                continue;
            }

            if (TooLongField(row) is { } tooLong)
            {
                errors.Add(file, row.LineNumberFrom, map.HeaderNames[tooLong],
                    $"value of {row[tooLong].Span.Length:N0} characters exceeds the limit of {FocusLineBuilder.MaxFieldLength:N0}");
                continue;
            }

            var fields = new SepFields(row);
            builder.TryAdd(ref fields, row.LineNumberFrom);
        }

        return rows;
    }

    private static int? TooLongField(SepReader.Row row)
    {
        if (row.Span.Length <= FocusLineBuilder.MaxFieldLength)
        {
            return null;
        }

        for (var i = 0; i < row.ColCount; i++)
        {
            if (row[i].Span.Length > FocusLineBuilder.MaxFieldLength)
            {
                return i;
            }
        }

        return null;
    }

    private readonly ref struct SepFields(SepReader.Row row) : IFocusFields
    {
        private readonly SepReader.Row _row = row;

        public ReadOnlySpan<char> Get(int index) => _row[index].Span;
    }
}
