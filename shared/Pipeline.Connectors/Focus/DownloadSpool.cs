using System.Buffers;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// A downloaded object spooled to a temporary file that is deleted when closed: readers need a seekable stream (Parquet
/// footers) and the connection must not stay open while a large file is parsed. The copy stops at the size the listing
/// announced (an object that grew was replaced mid-run) or at <see cref="MaxBytes"/>, and a copy that fails for any
/// reason deletes its file at once instead of leaving it to the finalizer.
/// </summary>
internal static class DownloadSpool
{
    /// <summary>16 GiB: beyond any single FOCUS export part, inside the temporary disk of a Functions instance.</summary>
    public const long MaxBytes = 16L << 30;

    public static async Task<Stream> CopyAsync(Stream source, string name, long? listedSize, CancellationToken cancellationToken)
    {
        var limit = listedSize is { } size and >= 0 ? Math.Min(size, MaxBytes) : MaxBytes;
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw new InvalidDataException(listedSize is null || limit == MaxBytes
                        ? $"{name} is larger than the download cap of {MaxBytes:N0} bytes; not read."
                        : $"{name} sent more than its listed {listedSize:N0} bytes (replaced while this run read it?); not read.");
                }

                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
