using System.Runtime.CompilerServices;
using Pipeline.Connectors.Focus;

namespace Pipeline.Connectors.Oci;

/// <summary>
/// OCI's FOCUS cost reports in Object Storage (<c>oci://bling/&lt;tenancy OCID&gt;/FOCUS Reports/2026/11/</c>): objects
/// listed with <c>ListObjects</c> (paged by <c>nextStartWith</c>) and read with <c>GetObject</c>, every request signed
/// with the API key, through the provider's HTTP pipeline. Each object is spooled to a temporary file that deletes itself (Parquet needs a seekable stream).
/// </summary>
public sealed class OciObjectStorageFocusFileSource(OciApiClient api, Uri endpoint, string ns, string bucket, string prefix) : IFocusFileSource
{
    /// <summary>Oracle's tenancy that holds every customer's cost reports (namespace <c>bling</c>), as docs/oci.md gives it.</summary>
    public const string UsageReportTenancy = "ocid1.tenancy.oc1..aaaaaaaaned4fkpkisbwjlr56u7cj63lf3wffbilvqknstgtvzub7vhqkggq";

    public string Description => $"oci://{ns}/{bucket}/{prefix}";

    /// <summary>
    /// Object Storage answers a missing cross-tenancy policy with 404 <c>BucketNotFound</c> ("does not exist ... or you
    /// are not authorized") on ListObjects and <c>NotAuthorizedOrNotFound</c> on GetObject: both get the statement to add.
    /// </summary>
    private ConnectorException WithPolicyHint(ConnectorException ex)
    {
        var code = ex switch { ProviderRequestException r => r.Code, ProviderUnauthorizedException u => u.Code, _ => null };
        if (code is not ("BucketNotFound" or OciErrorClassifier.NotAuthorizedOrNotFound))
        {
            return ex;
        }

        var hint = ns == "bling"
            ? $"Reading Oracle's cost reports needs the cross-tenancy policy in your tenancy: 'define tenancy usage-report as {UsageReportTenancy}' and "
              + "'endorse group <the pipeline's group> to read objects in tenancy usage-report' (docs/oci.md); check that the bucket is your tenancy OCID."
            : $"Check that bucket '{bucket}' exists in namespace '{ns}' and that a policy lets the pipeline's group read objects in it (docs/oci.md).";
        return new ProviderUnauthorizedException(OciProvider.DisplayName, $"{ex.Detail} {hint}", code);
    }

    public async IAsyncEnumerable<FocusFile> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var listing = new List<(string Path, DateTimeOffset? Modified)>();
        var sizes = new Dictionary<string, long?>(StringComparer.Ordinal);
        string? start = null;
        var pages = new PageTokens(OciProvider.DisplayName, $"ListObjects {ns}/{bucket}/{prefix}");
        do
        {
            var query = $"?prefix={Uri.EscapeDataString(prefix)}&fields=name,size,timeModified&limit=1000" + (start is null ? string.Empty : "&start=" + Uri.EscapeDataString(start));
            JsonElement page;
            try
            {
                (page, _) = await api.SendAsync(HttpMethod.Get, new Uri(endpoint, $"n/{Uri.EscapeDataString(ns)}/b/{Uri.EscapeDataString(bucket)}/o{query}"), null, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ConnectorException ex)
            {
                throw WithPolicyHint(ex);
            }

            foreach (var item in page.Array("objects"))
            {
                var name = item.RequiredString("name", "OCI object", OciProvider.DisplayName);
                listing.Add((name, item.Date("timeModified")));
                sizes[name] = item.Number("size") is { } size ? (long)size : null;
            }

            start = pages.Next(page.String("nextStartWith"));
        }
        while (start is not null);

        var names = ExportRunSelector.Select(listing);
        if (names.Count == 0)
        {
            throw new FileNotFoundException($"No FOCUS data files (.csv.gz, .parquet) under '{Description}'.");
        }

        foreach (var name in names)
        {
            yield return new FocusFile($"oci://{ns}/{bucket}/{name}", sizes[name], ct => DownloadAsync(name, sizes[name], ct));
        }
    }

    private async Task<Stream> DownloadAsync(string name, long? listedSize, CancellationToken cancellationToken)
    {
        // Object names contain '/' and spaces ("FOCUS Reports/2026/11/27/..."): the whole name is one escaped path segment.
        var uri = new Uri(endpoint, $"n/{Uri.EscapeDataString(ns)}/b/{Uri.EscapeDataString(bucket)}/o/{Uri.EscapeDataString(name)}");
        HttpResponseMessage response;
        try
        {
            response = await api.OpenAsync(uri, $"reading {Description}{name[prefix.Length..]}", cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            throw WithPolicyHint(ex);
        }

        using var _ = response;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await DownloadSpool.CopyAsync(body, $"oci://{ns}/{bucket}/{name}", listedSize, cancellationToken).ConfigureAwait(false);
    }
}
