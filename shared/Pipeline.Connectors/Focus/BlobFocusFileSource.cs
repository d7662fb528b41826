using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// FOCUS files in Azure Blob Storage: a single blob, or every data blob under a prefix
/// (<c>https://account.blob.core.windows.net/container/exports/focus/</c>) — of Cost Management exports, only the
/// latest complete run of each period (<see cref="ExportRunSelector"/>).
/// </summary>
public sealed class BlobFocusFileSource(BlobContainerClient container, string prefix) : IFocusFileSource
{
    public string Description => $"{container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{prefix}";

    public async IAsyncEnumerable<FocusFile> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var single = container.GetBlobClient(prefix);
        if (prefix.Length > 0 && !prefix.EndsWith('/') && await single.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            var properties = await single.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            yield return ToFile(single, properties.Value.ContentLength);
            yield break;
        }

        var listing = new List<(string Path, DateTimeOffset? Modified)>();
        var lengths = new Dictionary<string, long?>(StringComparer.Ordinal);
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            listing.Add((item.Name, item.Properties.LastModified));
            lengths[item.Name] = item.Properties.ContentLength;
        }

        var names = ExportRunSelector.Select(listing).Select(n => (Name: n, Length: lengths[n])).ToList();
        if (names.Count == 0)
        {
            throw new FileNotFoundException($"No FOCUS data files (.csv, .csv.gz, .parquet) under '{Description}'.");
        }

        foreach (var (name, length) in names.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            yield return ToFile(container.GetBlobClient(name), length);
        }
    }

    private FocusFile ToFile(BlobClient blob, long? length) =>
        new(blob.Uri.GetLeftPart(UriPartial.Path), length,
            async ct => await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 << 20 }, ct).ConfigureAwait(false));
}
