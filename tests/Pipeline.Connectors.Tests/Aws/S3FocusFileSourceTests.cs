using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Aws;
using Pipeline.Connectors.Focus;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pipeline.Connectors.Tests.Aws;

/// <summary>An AWS Data Exports FOCUS export read from S3 through AWSSDK.S3 (path-style, against a stub of the S3 REST API).</summary>
public sealed class S3FocusFileSourceTests : IDisposable
{
    private readonly AwsStub _aws = new();

    private const string Prefix = "focus/my-export/data/BILLING_PERIOD=2025-06/";
    private const string ManifestKey = "focus/my-export/metadata/BILLING_PERIOD=2025-06/my-export-Manifest.json";

    /// <summary>The partition's Data Exports manifest (written after the data files), listing <paramref name="keys"/>.</summary>
    private void Manifest(params string[] keys) =>
        _aws.Server.Given(Request.Create().WithPath($"/billing-bucket/{ManifestKey}").UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""
            { "executionId": "exec-2", "exportArn": "arn:aws:bcm-data-exports:us-east-1:123456789012:export/my-export-0a1b", "exportName": "my-export",
              "billingPeriod": { "start": "2025-06-01T00:00:00Z", "end": "2025-07-01T00:00:00Z" },
              "dataFiles": [ {{string.Join(", ", keys.Select(k => $"\"s3://billing-bucket/{k}\""))}} ] }
            """));

    /// <summary>An S3 bucket listing the two parts (with <paramref name="listedSizes"/>, else their real sizes) and serving them.</summary>
    private void Serve(byte[][] parts, long[]? listedSizes = null)
    {
        var contents = string.Concat(parts.Select((p, i) =>
            $"<Contents><Key>{Prefix}my-export-0000{i + 1}.csv.gz</Key><Size>{listedSizes?[i] ?? p.Length}</Size><LastModified>2025-06-08T00:00:00.000Z</LastModified></Contents>"));
        _aws.Server.Given(Request.Create().WithPath(new RegexMatcher("^/billing-bucket/?$")).UsingGet().WithParam("list-type", "2").WithParam("prefix", Prefix)
                .WithHeader("Authorization", new RegexMatcher(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/us-east-1/s3/aws4_request")))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/xml").WithBody($"""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>billing-bucket</Name><Prefix>{Prefix}</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                  {contents}
                  <Contents><Key>{Prefix}my-export-Manifest.json</Key><Size>10</Size><LastModified>2025-06-08T00:00:00.000Z</LastModified></Contents>
                </ListBucketResult>
                """));
        for (var i = 0; i < parts.Length; i++)
        {
            _aws.Server.Given(Request.Create().WithPath($"/billing-bucket/{Prefix}my-export-0000{i + 1}.csv.gz").UsingGet())
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/octet-stream").WithBody(parts[i]));
        }

        Manifest([.. parts.Select((_, i) => $"{Prefix}my-export-0000{i + 1}.csv.gz")]);
    }

    /// <summary>A listing of <paramref name="keys"/> under the prefix, each served with its part.</summary>
    private void ServeKeys(params (string Key, byte[] Body)[] keys)
    {
        _aws.Server.Given(Request.Create().WithPath(new RegexMatcher("^/billing-bucket/?$")).UsingGet().WithParam("list-type", "2"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/xml").WithBody($"""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>billing-bucket</Name><Prefix>{Prefix}</Prefix><KeyCount>{keys.Length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                  {string.Concat(keys.Select(k => $"<Contents><Key>{k.Key}</Key><Size>{k.Body.Length}</Size><LastModified>2025-06-08T00:00:00.000Z</LastModified></Contents>"))}
                </ListBucketResult>
                """));
        foreach (var (key, body) in keys)
        {
            _aws.Server.Given(Request.Create().WithPath($"/billing-bucket/{key}").UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/octet-stream").WithBody(body));
        }
    }

    private async Task<decimal> IngestedTotalAsync()
    {
        var aggregator = new DailyCostAggregator();
        await new FocusExportReader(NullLogger<FocusExportReader>.Instance).ReadAsync(Source(), aggregator, new SourceErrorLog());
        return aggregator.ToRows("t", "focus").Sum(r => r.BilledCost);
    }

    [Fact]
    public async Task Only_the_refresh_the_manifest_lists_is_read_never_two_refreshes_summed()
    {
        // CREATE_NEW_REPORT: the 06-07 refresh (exec-1) still sits beside the 06-08 one (exec-2) the manifest now lists.
        ServeKeys(($"{Prefix}exec-1/my-export-00001.csv.gz", Part("10.00")), ($"{Prefix}exec-2/my-export-00001.csv.gz", Part("12.50")));
        Manifest($"{Prefix}exec-2/my-export-00001.csv.gz");

        (await IngestedTotalAsync()).Should().Be(12.50m);
    }

    [Fact]
    public async Task A_partition_whose_manifest_is_not_written_yet_is_skipped_not_half_read()
    {
        ServeKeys(($"{Prefix}exec-3/my-export-00001.csv.gz", Part("7.00")));
        _aws.Server.Given(Request.Create().WithPath($"/billing-bucket/{ManifestKey}").UsingGet()).RespondWith(Response.Create().WithStatusCode(404)
            .WithHeader("Content-Type", "application/xml").WithBody("""<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"""));

        var act = async () => { await foreach (var _ in Source().ListAsync()) { } };

        (await act.Should().ThrowAsync<FileNotFoundException>()).WithMessage("*no manifest yet for focus/my-export/data/BILLING_PERIOD=2025-06/*skipped*");
    }

    [Fact]
    public async Task A_manifest_listing_a_file_that_is_not_there_fails_the_period_naming_it()
    {
        ServeKeys(($"{Prefix}exec-2/my-export-00001.csv.gz", Part("12.50")));
        Manifest($"{Prefix}exec-2/my-export-00001.csv.gz", $"{Prefix}exec-2/my-export-00002.csv.gz");

        var act = async () => { await foreach (var _ in Source().ListAsync()) { } };

        (await act.Should().ThrowAsync<Pipeline.Http.ProviderBadResponseException>()).WithMessage($"*lists 1 file(s) not in the bucket (first: s3://billing-bucket/{Prefix}exec-2/my-export-00002.csv.gz)*");
    }

    private static byte[] Part(string amount) => Gzip(
        "ProviderName,BillingAccountId,ChargeCategory,BillingCurrency,ChargePeriodStart,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost\n"
        + $"AWS,123456789012,Usage,USD,2025-06-03T05:00:00Z,2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,{amount},{amount}\n");

    private IFocusFileSource Source()
    {
        var options = _aws.Options(o => o.S3Endpoint = _aws.Server.Url);
        var factory = new FocusFileSourceFactory(new global::Azure.Identity.DefaultAzureCredential(), new AwsCredentialsFactory(options, new global::Azure.Identity.DefaultAzureCredential()), options);
        return factory.Create($"s3://billing-bucket/{Prefix}");
    }

    [Fact]
    public async Task Csv_gz_parts_under_the_billing_period_prefix_are_listed_downloaded_and_aggregated()
    {
        Serve([Part("1.25"), Part("2.50")]);
        var source = Source();
        var aggregator = new DailyCostAggregator();
        var errors = new SourceErrorLog();

        var read = await new FocusExportReader(NullLogger<FocusExportReader>.Instance).ReadAsync(source, aggregator, errors);

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        read.Should().Be(2);
        aggregator.ToRows("t", "export").Single().BilledCost.Should().Be(3.75m);
        source.Description.Should().Be($"s3://billing-bucket/{Prefix}");
    }

    [Fact]
    public async Task An_object_larger_than_its_listing_said_is_refused_naming_it_instead_of_filling_the_disk()
    {
        var parts = new[] { Part("1.25"), Part("2.50") };
        Serve(parts, listedSizes: [parts[0].Length, parts[1].Length - 10]);
        var aggregator = new DailyCostAggregator();

        var act = () => new FocusExportReader(NullLogger<FocusExportReader>.Instance).ReadAsync(Source(), aggregator, new SourceErrorLog());

        (await act.Should().ThrowAsync<InvalidDataException>()).WithMessage($"s3://billing-bucket/{Prefix}my-export-00002.csv.gz sent more than its listed * bytes*not read*");
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public void Dispose() => _aws.Dispose();
}
