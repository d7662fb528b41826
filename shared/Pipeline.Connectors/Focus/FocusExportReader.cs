using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Reads every file of a FOCUS export into one daily aggregate. The format is taken from the bytes, not the
/// name: gzip (<c>1f 8b</c>), Parquet (<c>PAR1</c>), otherwise CSV. A file that cannot be read is reported
/// with the reason and the others are still read, so one run lists every problem at once.
/// </summary>
public sealed partial class FocusExportReader(ILogger<FocusExportReader> logger)
{
    public async Task<long> ReadAsync(IFocusFileSource source, DailyCostAggregator aggregator, SourceErrorLog errors,
        IProgress<FocusReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        long rows = 0;
        var files = 0;
        await foreach (var file in source.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            files++;
            var before = rows;
            var raw = await file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var counted = new ProgressStream(raw, read => progress?.Report(new FocusReadProgress(file.Name, read, file.Length, before)));
            try
            {
                rows += await ReadFileAsync(raw, counted, file, aggregator, errors, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or NotSupportedException
                                           or InvalidOperationException or ArgumentException or OverflowException)
            {
                errors.Add(file.Name, null, null, $"cannot be read: {ex.Message}");
            }

            progress?.Report(new FocusReadProgress(file.Name, file.Length ?? 0, file.Length, rows));
            LogFileRead(file.Name, rows - before);
        }

        if (files == 0)
        {
            errors.Add(source.Description, null, null, "contains no FOCUS data files");
        }

        return rows;
    }

    private static async Task<long> ReadFileAsync(Stream raw, Stream stream, FocusFile file, DailyCostAggregator aggregator, SourceErrorLog errors,
        CancellationToken cancellationToken)
    {
        var name = file.Name;
        var magic = new byte[4];
        var seekable = stream.CanSeek;
        var head = seekable ? await stream.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) : 0;
        if (seekable)
        {
            stream.Seek(0, SeekOrigin.Begin);
        }

        if (head >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            await using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            return await FocusCsvReader.ReadAsync(gzip, name, aggregator, errors, cancellationToken).ConfigureAwait(false);
        }

        if ((head == 4 && magic.AsSpan().SequenceEqual("PAR1"u8)) || (!seekable && name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)))
        {
            // DuckDB reads Parquet from a file: a local (or already spooled) file as it is, anything else spooled first.
            if (raw is FileStream { Name: var path } && File.Exists(path))
            {
                return await FocusParquetReader.ReadAsync(path, name, aggregator, errors, cancellationToken).ConfigureAwait(false);
            }

            await using var spool = (FileStream)await DownloadSpool.CopyAsync(stream, name, file.Length, cancellationToken).ConfigureAwait(false);
            return await FocusParquetReader.ReadAsync(spool.Name, name, aggregator, errors, cancellationToken).ConfigureAwait(false);
        }

        if (!seekable && name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            return await FocusCsvReader.ReadAsync(gzip, name, aggregator, errors, cancellationToken).ConfigureAwait(false);
        }

        return await FocusCsvReader.ReadAsync(stream, name, aggregator, errors, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Rows} FOCUS rows from {File}")]
    private partial void LogFileRead(string file, long rows);
}
