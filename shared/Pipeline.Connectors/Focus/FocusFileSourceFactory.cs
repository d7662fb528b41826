using Amazon;
using Amazon.S3;
using Azure.Core;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Oci;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Turns a <c>--path</c> or configured source into a file source: a local path, an https Blob URL (a SAS token in the
/// URL, the public Azurite development key on loopback only, or Entra ID), <c>s3://bucket/prefix</c> (the AWS
/// credentials of the Aws section) or <c>oci://namespace/bucket/prefix</c> (the API key of the Oci section).
/// </summary>
public sealed class FocusFileSourceFactory(TokenCredential credential, AwsCredentialsFactory? aws = null, IOptions<AwsOptions>? awsOptions = null,
    OciHttp? oci = null, IOptions<OciOptions>? ociOptions = null)
{
    // Azurite's well-known development account key, published in its documentation; it only opens loopback emulators.
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public IFocusFileSource Create(string path)
    {
        if (!Uri.TryCreate(path, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return new LocalFocusFileSource(uri?.IsFile == true ? uri.LocalPath : path);
        }

        if (uri.Scheme == "s3")
        {
            return S3(uri);
        }

        if (uri.Scheme == "oci")
        {
            return Oci(path);
        }

        if (uri.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"Unsupported FOCUS source '{uri.GetLeftPart(UriPartial.Path)}': use a local path, an https Blob URL, s3://bucket/prefix or oci://namespace/bucket/prefix.", nameof(path));
        }

        var parts = new BlobUriBuilder(uri);
        if (string.IsNullOrEmpty(parts.BlobContainerName))
        {
            throw new ArgumentException($"The Blob URL '{uri.GetLeftPart(UriPartial.Path)}' names no container.", nameof(path));
        }

        var prefix = parts.BlobName ?? string.Empty;

        // BlobUriBuilder drops a trailing slash; keep it so "focus/" does not also match "focus-old/".
        if (prefix.Length > 0 && uri.AbsolutePath.EndsWith('/') && !prefix.EndsWith('/'))
        {
            prefix += "/";
        }

        parts.BlobName = string.Empty;
        var containerUri = parts.ToUri();
        var container = parts.Sas is not null && !string.IsNullOrEmpty(parts.Sas.Signature)
            ? new BlobContainerClient(containerUri)
            : uri.IsLoopback && parts.AccountName == DevelopmentAccount
                ? new BlobContainerClient(containerUri, new StorageSharedKeyCredential(DevelopmentAccount, DevelopmentKey))
                : new BlobContainerClient(containerUri, credential);
        return new BlobFocusFileSource(container, prefix);
    }

    /// <summary><c>oci://namespace/bucket/prefix</c>; parsed by hand because OCI prefixes contain spaces ("FOCUS Reports/").</summary>
    private OciObjectStorageFocusFileSource Oci(string path)
    {
        if (oci is null || ociOptions is null || ociOptions.ValueFor(OciProvider.DisplayName, OciOptions.SectionName) is not { Enabled: true } o)
        {
            throw new InvalidOperationException("oci:// sources need the Oci settings section (Oci:Enabled and the API key, see docs/oci.md).");
        }

        var parts = path["oci://".Length..].Split('/', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"'{path}' must be oci://namespace/bucket/prefix (for cost reports: oci://bling/<tenancy OCID>/FOCUS Reports/).", nameof(path));
        }

        return new OciObjectStorageFocusFileSource(oci.NewClient(), o.Endpoint(o.ObjectStorageEndpoint, o.HomeRegion!), parts[0], parts[1], parts.Length > 2 ? parts[2] : string.Empty);
    }

    private S3FocusFileSource S3(Uri uri)
    {
        if (aws is null || awsOptions is null)
        {
            throw new InvalidOperationException("s3:// sources need the Aws settings section.");
        }

        var o = awsOptions.ValueFor(AwsProvider.DisplayName, AwsOptions.SectionName);
        var config = new AmazonS3Config();
        if (!string.IsNullOrEmpty(o.S3Endpoint))
        {
            config.ServiceURL = o.S3Endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = o.S3Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(o.S3Region);
        }

        return new S3FocusFileSource(new AmazonS3Client(aws.Get(), config), uri.Host, Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
    }
}
