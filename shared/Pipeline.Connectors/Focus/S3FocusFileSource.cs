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
        var pages = new Common.PageTokens(Aws.AwsProvider.DisplayName, $"ListObjectsV2 s3://{bucket}/{prefix}");
        while (true)
        {
            var response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            objects.AddRange((response.S3Objects ?? []).Where(o => FocusFileNames.IsDataFile(o.Key)));
            if (response.IsTruncated != true)
            {
                break;
            }

            request.ContinuationToken = pages.Next(response.NextContinuationToken)
                ?? throw new Pipeline.Http.ProviderBadResponseException(Aws.AwsProvider.DisplayName, $"ListObjectsV2 s3://{bucket}/{prefix} is truncated but has no continuation token");
        }

        if (objects.Count == 0)
        {
            throw new FileNotFoundException($"No FOCUS data files (.csv.gz, .parquet) under '{Description}'.");
        }

        foreach (var item in objects.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            yield return new FocusFile($"s3://{bucket}/{item.Key}", item.Size, ct => DownloadAsync(item.Key, item.Size, ct));
        }
    }

    private async Task<Stream> DownloadAsync(string key, long? listedSize, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        return await DownloadSpool.CopyAsync(response.ResponseStream, $"s3://{bucket}/{key}", listedSize, cancellationToken).ConfigureAwait(false);
    }
}
