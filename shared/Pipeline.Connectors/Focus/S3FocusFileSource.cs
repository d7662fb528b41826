using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// FOCUS files of an AWS Data Exports FOCUS export in S3 (<c>s3://bucket/prefix/</c>, the export root or one
/// <c>.../data/BILLING_PERIOD=YYYY-MM/</c> partition). Data Exports writes, per partition, the data files and then
/// <c>{export}/metadata/{partition}/{export}-Manifest.json</c>, which lists the files of the latest refresh; with
/// <c>CREATE_NEW_REPORT</c> each refresh lands beside the previous ones. So for data files under
/// <c>{export}/data/{partition}/</c> only those the partition's manifest lists are read (never two refreshes summed), and a
/// partition without a manifest yet (a refresh still being written) is skipped, not half-read. Files outside that layout
/// are read as before. Each object is spooled to a temporary file that deletes itself, so Parquet gets the seekable
/// stream it needs and memory stays flat.
/// </summary>
public sealed partial class S3FocusFileSource(IAmazonS3 s3, string bucket, string prefix) : IFocusFileSource
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

        var selected = new List<S3Object>();
        var skipped = new List<string>();
        foreach (var partition in objects.GroupBy(o => ExportPartition().Match(o.Key) is { Success: true } m ? (m.Groups["base"].Value, m.Groups["export"].Value, m.Groups["partition"].Value) : default))
        {
            if (partition.Key == default)
            {
                selected.AddRange(partition);
                continue;
            }

            var (root, export, name) = partition.Key;
            var manifest = $"{root}/metadata/{name}/{export}-Manifest.json";
            if (await ManifestFilesAsync(manifest, cancellationToken).ConfigureAwait(false) is not { } listed)
            {
                skipped.Add($"{root}/data/{name}/");
                continue;
            }

            var present = partition.ToDictionary(o => o.Key, StringComparer.Ordinal);
            var missing = listed.Where(k => !present.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                throw new Pipeline.Http.ProviderBadResponseException(Aws.AwsProvider.DisplayName,
                    $"s3://{bucket}/{manifest} lists {missing.Count} file(s) not in the bucket (first: s3://{bucket}/{missing[0]}); nothing of that billing period was read");
            }

            selected.AddRange(listed.Select(k => present[k]));
        }

        if (selected.Count == 0)
        {
            throw new FileNotFoundException(skipped.Count > 0
                ? $"No complete FOCUS export under '{Description}': no manifest yet for {string.Join(", ", skipped)} (a refresh still being written is skipped)."
                : $"No FOCUS data files (.csv.gz, .parquet) under '{Description}'.");
        }

        foreach (var item in selected.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            yield return new FocusFile($"s3://{bucket}/{item.Key}", item.Size, ct => DownloadAsync(item.Key, item.Size, ct));
        }
    }

    /// <summary>The keys a Data Exports manifest lists (<c>dataFiles</c>, <c>s3://</c> URIs of this bucket), or null when it is not written yet.</summary>
    private async Task<HashSet<string>?> ManifestFilesAsync(string key, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        using (response)
        {
            using var document = await JsonDocument.ParseAsync(response.ResponseStream, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (document.RootElement.Property("dataFiles") is not { ValueKind: JsonValueKind.Array } files)
            {
                throw new Pipeline.Http.ProviderBadResponseException(Aws.AwsProvider.DisplayName, $"s3://{bucket}/{key} has no dataFiles list");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files.EnumerateArray())
            {
                var uri = file.GetString() ?? string.Empty;
                var own = $"s3://{bucket}/";
                if (!uri.StartsWith(own, StringComparison.Ordinal))
                {
                    throw new Pipeline.Http.ProviderBadResponseException(Aws.AwsProvider.DisplayName, $"s3://{bucket}/{key} lists '{uri}', outside this bucket");
                }

                keys.Add(uri[own.Length..]);
            }

            return keys;
        }
    }

    private async Task<Stream> DownloadAsync(string key, long? listedSize, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        return await DownloadSpool.CopyAsync(response.ResponseStream, $"s3://{bucket}/{key}", listedSize, cancellationToken).ConfigureAwait(false);
    }

    // {base}/{export}/data/{partition}/...: the Data Exports layout, where {base}/{export}/metadata/{partition}/ holds the manifest.
    [GeneratedRegex(@"^(?<base>(?:.*/)?(?<export>[^/]+))/data/(?<partition>[^/]+)/")]
    private static partial Regex ExportPartition();
}
