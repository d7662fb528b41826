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

    [Fact]
    public async Task Csv_gz_parts_under_the_billing_period_prefix_are_listed_downloaded_and_aggregated()
    {
        const string prefix = "focus/my-export/data/BILLING_PERIOD=2025-06/";
        _aws.Server.Given(Request.Create().WithPath(new RegexMatcher("^/billing-bucket/?$")).UsingGet().WithParam("list-type", "2").WithParam("prefix", prefix)
                .WithHeader("Authorization", new RegexMatcher(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/us-east-1/s3/aws4_request")))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/xml").WithBody($"""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>billing-bucket</Name><Prefix>{prefix}</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                  <Contents><Key>{prefix}my-export-00001.csv.gz</Key><Size>100</Size><LastModified>2025-06-08T00:00:00.000Z</LastModified></Contents>
                  <Contents><Key>{prefix}my-export-00002.csv.gz</Key><Size>100</Size><LastModified>2025-06-08T00:00:00.000Z</LastModified></Contents>
                  <Contents><Key>{prefix}my-export-Manifest.json</Key><Size>10</Size><LastModified>2025-06-08T00:00:00.000Z</LastModified></Contents>
                </ListBucketResult>
                """));
        foreach (var (part, amount) in new[] { ("00001", "1.25"), ("00002", "2.50") })
        {
            _aws.Server.Given(Request.Create().WithPath($"/billing-bucket/{prefix}my-export-{part}.csv.gz").UsingGet())
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/octet-stream").WithBody(Gzip(
                    "ProviderName,BillingAccountId,ChargeCategory,BillingCurrency,ChargePeriodStart,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost\n"
                    + $"AWS,123456789012,Usage,USD,2025-06-03T05:00:00Z,2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,{amount},{amount}\n")));
        }

        var options = _aws.Options(o => o.S3Endpoint = _aws.Server.Url);
        var factory = new FocusFileSourceFactory(new global::Azure.Identity.DefaultAzureCredential(), new InstantTimeProvider(TestClock.Now), new AwsCredentialsFactory(options, new global::Azure.Identity.DefaultAzureCredential()), options);
        var source = factory.Create($"s3://billing-bucket/{prefix}");
        var aggregator = new DailyCostAggregator();
        var errors = new SourceErrorLog();

        var read = await new FocusExportReader(NullLogger<FocusExportReader>.Instance).ReadAsync(source, aggregator, errors);

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        read.Should().Be(2);
        aggregator.ToRows("t", "export").Single().BilledCost.Should().Be(3.75m);
        source.Description.Should().Be($"s3://billing-bucket/{prefix}");
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
