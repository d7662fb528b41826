using Pipeline.Http;
using Pipeline.Connectors.Common;
using Pipeline.Connectors.Oci;
using WireMock.RequestBuilders;

namespace Pipeline.Connectors.Tests.Oci;

/// <summary>OCI FOCUS cost reports listed and read from Object Storage with signed requests.</summary>
public sealed class OciObjectStorageFocusFileSourceTests : IDisposable
{
    private const string Bucket = OciStub.Tenancy;
    private readonly OciStub _oci = new();

    private OciObjectStorageFocusFileSource Source() =>
        new(_oci.Service<OciHttp>(o => o.RetryBudget = TimeSpan.FromSeconds(30)).NewClient(), new Uri(_oci.Server.Url + "/"), "bling", Bucket, "FOCUS Reports/2026/11/");

    [Fact]
    public async Task Reports_are_listed_across_pages_and_read_by_their_escaped_names()
    {
        _oci.Server.Given(_oci.Get($"/n/bling/b/{Bucket}/o").WithParam("prefix", "FOCUS Reports/2026/11/")).AtPriority(5).RespondWith(OciStub.Json("""
            { "objects": [ { "name": "FOCUS Reports/2026/11/26/0001_focus.csv.gz", "size": 12 }, { "name": "FOCUS Reports/2026/11/26/readme.txt", "size": 3 } ],
              "nextStartWith": "FOCUS Reports/2026/11/27/" }
            """));
        _oci.Server.Given(_oci.Get($"/n/bling/b/{Bucket}/o").WithParam("start", "FOCUS Reports/2026/11/27/")).AtPriority(1).RespondWith(OciStub.Json("""
            { "objects": [ { "name": "FOCUS Reports/2026/11/27/0002_focus.csv.gz", "size": 12 } ] }
            """));
        _oci.Server.Given(_oci.Get($"/n/bling/b/{Bucket}/o/*")).AtPriority(3)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("report-bytes"));

        var files = new List<Pipeline.Connectors.Focus.FocusFile>();
        await foreach (var file in Source().ListAsync())
        {
            files.Add(file);
        }

        files.Select(f => f.Name).Should().Equal(
            $"oci://bling/{Bucket}/FOCUS Reports/2026/11/26/0001_focus.csv.gz", $"oci://bling/{Bucket}/FOCUS Reports/2026/11/27/0002_focus.csv.gz");
        await using var stream = await files[1].OpenAsync(CancellationToken.None);
        (await new StreamReader(stream).ReadToEndAsync()).Should().Be("report-bytes");
        _oci.Server.LogEntries.Should().AllSatisfy(e => e.RequestMessage.Headers!["Authorization"].Single().Should().StartWith("Signature version=\"1\""));
        _oci.Server.LogEntries.Last().RequestMessage.AbsoluteUrl.Should().EndWith("Reports%2F2026%2F11%2F27%2F0002_focus.csv.gz", "the object name is one path segment, its slashes escaped");
    }

    [Fact]
    public async Task A_missing_endorsement_is_named()
    {
        _oci.Server.Given(_oci.Get($"/n/bling/b/{Bucket}/o")).RespondWith(OciStub.Json(
            """{"code":"NotAuthorizedOrNotFound","message":"Either the bucket named 'ocid1.tenancy' does not exist in the namespace 'bling' or you are not authorized to access it"}""", 404));

        var act = async () => { await foreach (var _ in Source().ListAsync()) { } };

        (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).WithMessage("*NotAuthorizedOrNotFound*docs/oci.md*");
    }

    [Fact]
    public async Task The_published_bucket_not_found_of_a_missing_endorse_policy_says_which_statement_to_add()
    {
        // What Object Storage answers ListObjects without the cross-tenancy endorsement: 404 BucketNotFound.
        _oci.Server.Given(_oci.Get($"/n/bling/b/{Bucket}/o")).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404)
            .WithHeader("Content-Type", "application/json").WithHeader("opc-request-id", "iad-1:ab12cd34")
            .WithBody($$"""{"code":"BucketNotFound","message":"Either the bucket named '{{Bucket}}' does not exist in the namespace 'bling' or you are not authorized to access it"}"""));

        var act = async () => { await foreach (var _ in Source().ListAsync()) { } };

        var error = (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).Which;
        error.Code.Should().Be("BucketNotFound");
        error.Message.Should().Contain("BucketNotFound").And.Contain("opc-request-id iad-1:ab12cd34")
            .And.Contain($"define tenancy usage-report as {OciObjectStorageFocusFileSource.UsageReportTenancy}")
            .And.Contain("endorse group <the pipeline's group> to read objects in tenancy usage-report");
    }

    [Fact]
    public async Task A_download_refused_the_same_way_gets_the_same_hint()
    {
        _oci.Server.Given(_oci.Get($"/n/bling/b/{Bucket}/o").WithParam("prefix", "FOCUS Reports/2026/11/")).AtPriority(5).RespondWith(OciStub.Json("""
            { "objects": [ { "name": "FOCUS Reports/2026/11/26/0001_focus.csv.gz", "size": 12 } ] }
            """));
        _oci.Server.Given(_oci.Get($"/n/bling/b/{Bucket}/o/*")).AtPriority(3).RespondWith(OciStub.Json(
            """{"code":"NotAuthorizedOrNotFound","message":"Authorization failed or requested resource not found."}""", 404));
        var files = new List<Pipeline.Connectors.Focus.FocusFile>();
        await foreach (var file in Source().ListAsync())
        {
            files.Add(file);
        }

        var act = () => files.Single().OpenAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).WithMessage("*NotAuthorizedOrNotFound*endorse group*usage-report*");
    }

    public void Dispose() => _oci.Dispose();
}
