using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// FOCUS files of an AWS Data Exports FOCUS export in S3 (<c>s3://bucket/prefix/.../data/BILLING_PERIOD=YYYY-MM/</c>):
/// every CSV.gz / Parquet object under the prefix, manifests skipped. Each object is spooled to a temporary file
/// that deletes itself, so Parquet gets the seekable stream it needs and memory stays flat.
/// </summary>
public sealed class S3FocusFileSource(IAmazonS3 s3, string bucket, string prefix) : IFocusFileSource
{
    public string Description => $"s3://{bucket}/{prefix}";

    public async IAsyncEnumerable<FocusFile> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            objects.AddRange((response.S3Objects ?? []).Where(o => FocusFileNames.IsDataFile(o.Key)));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        if (objects.Count == 0)
        {
            throw new FileNotFoundException($"No FOCUS data files (.csv.gz, .parquet) under '{Description}'.");
        }

        foreach (var item in objects.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            yield return new FocusFile($"s3://{bucket}/{item.Key}", item.Size, ct => DownloadAsync(item.Key, ct));
        }
    }

    private async Task<Stream> DownloadAsync(string key, CancellationToken cancellationToken)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        await response.ResponseStream.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
        spool.Position = 0;
        return spool;
    }
}
