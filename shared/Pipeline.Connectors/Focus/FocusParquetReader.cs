using DuckDB.NET.Data;
using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Reads a FOCUS Parquet file through an in-process DuckDB, streaming rows in DuckDB's small vectors, so memory stays
/// flat whatever the size of the file or of its row groups (a reader that materializes a row group at a time needs
/// gigabytes for one 30M-row group). Every cell reaches <see cref="FocusLineBuilder"/> as text (DECIMAL exactly, DOUBLE
/// in its shortest round-trip form, timestamps in UTC), so Parquet rows go through exactly the checks CSV rows do.
/// A file DuckDB cannot open (truncated, corrupt or absurd footer) is a clear file error.
/// </summary>
internal static class FocusParquetReader
{
    /// <summary>DuckDB's working memory for one file; it spills nothing here (the query only streams).</summary>
    public const string MemoryLimit = "256MB";

    /// <summary>A footer announcing more rows than this is corrupt or hostile: far beyond any real export part.</summary>
    public const long MaxRows = 4_000_000_000;

    public static async Task<long> ReadAsync(string path, string file, DailyCostAggregator aggregator, SourceErrorLog errors, CancellationToken cancellationToken)
    {
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(duck, $"SET memory_limit = '{MemoryLimit}'; SET threads = 2; SET enable_progress_bar = false;", cancellationToken).ConfigureAwait(false);
        var source = $"read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";

        List<(string Name, string Type)> columns;
        try
        {
            var declared = await ScalarAsync(duck, $"SELECT CAST(coalesce(sum(num_rows), 0) AS VARCHAR) FROM parquet_file_metadata('{path.Replace("'", "''", StringComparison.Ordinal)}')",
                cancellationToken).ConfigureAwait(false);
            var rows = decimal.Parse((string)declared!, System.Globalization.CultureInfo.InvariantCulture);
            if (rows < 0 || rows > MaxRows)
            {
                throw new InvalidDataException($"its footer announces {rows:N0} rows, which no FOCUS export has; the file is corrupt");
            }

            columns = await DescribeAsync(duck, source, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException ex)
        {
            throw new InvalidDataException($"not a readable Parquet file ({FirstLine(ex.Message)})", ex);
        }

        var map = FocusColumnMap.Resolve(columns.Select(c => c.Name).ToList(), out var missing);
        if (missing.Count > 0)
        {
            errors.Add(file, null, null, $"missing mandatory FOCUS column(s): {string.Join(", ", missing)}");
            return 0;
        }

        var used = Enum.GetValues<FocusColumn>().Select(c => map[c]).Where(i => i >= 0).Distinct().Order().ToArray();
        var ordinals = Enumerable.Repeat(-1, columns.Count).ToArray();
        for (var i = 0; i < used.Length; i++)
        {
            ordinals[used[i]] = i;
        }

        await using var command = duck.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", used.Select(i => AsText(columns[i])))} FROM {source}";
        command.UseStreamingMode = true;
        var builder = new FocusLineBuilder(map, aggregator, errors, file);
        long row = 0;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var fields = new DuckDbFields(reader, ordinals);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Parquet has no lines: report the 1-based row number across the file.
                row++;
                builder.TryAdd(ref fields, row);
            }
        }
        catch (DuckDBException ex)
        {
            throw new InvalidDataException($"stopped being readable at row {row + 1:N0} ({FirstLine(ex.Message)})", ex);
        }

        return row;
    }

    /// <summary>The column as DuckDB text: exact for DECIMAL, shortest round-trip for DOUBLE/FLOAT, UTC for timestamps with a zone.</summary>
    private static string AsText((string Name, string Type) column)
    {
        var quoted = "\"" + column.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return column.Type.StartsWith("TIMESTAMP WITH TIME ZONE", StringComparison.OrdinalIgnoreCase)
            ? $"CAST(CAST({quoted} AS TIMESTAMP) AS VARCHAR)"
            : $"CAST({quoted} AS VARCHAR)";
    }

    private static async Task<List<(string Name, string Type)>> DescribeAsync(DuckDBConnection duck, string source, CancellationToken cancellationToken)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {source}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    private static async Task ExecuteAsync(DuckDBConnection duck, string sql, CancellationToken cancellationToken)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(DuckDBConnection duck, string sql, CancellationToken cancellationToken)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>The current DuckDB row as the builder's text fields; an unselected column is empty.</summary>
    private readonly struct DuckDbFields(System.Data.Common.DbDataReader reader, int[] ordinals) : IFocusFields
    {
        public ReadOnlySpan<char> Get(int index) =>
            ordinals[index] is >= 0 and var ordinal && !reader.IsDBNull(ordinal) ? reader.GetString(ordinal) : [];
    }
}
