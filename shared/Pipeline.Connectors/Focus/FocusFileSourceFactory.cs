using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Turns a <c>--path</c> or configured source into a file source. Blob URLs authenticate, in order, with a SAS
/// token in the URL, the public Azurite development key (loopback only), or Entra ID (managed identity).
/// </summary>
public sealed class FocusFileSourceFactory(TokenCredential credential)
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

        if (uri.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"Unsupported FOCUS source '{uri.GetLeftPart(UriPartial.Path)}': use a local path or an https Blob URL.", nameof(path));
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
}
