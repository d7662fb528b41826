using Microsoft.Extensions.Options;
using Pipeline.Connectors.Aws;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Connectors.Tests.Aws;

/// <summary>
/// Every AWS host is a setting, for GovCloud, China and VPC endpoints: STS (the web-identity exchange) and Cost
/// Explorer's signing region, beside the endpoints that already were.
/// </summary>
public sealed class AwsEndpointsTests : IDisposable
{
    private readonly WireMockServer _sts = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    [Fact]
    public async Task The_web_identity_exchange_goes_to_the_configured_sts_endpoint_and_region()
    {
        // STS's query-protocol answer to AssumeRoleWithWebIdentity (AWS API reference example shape).
        _sts.Given(Request.Create().UsingPost().WithBody(new RegexMatcher("Action=AssumeRoleWithWebIdentity"))).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/xml").WithBody("""
                <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleWithWebIdentityResult>
                    <SubjectFromWebIdentityToken>0b7c3e6a-5f1d-4c1e-9a53-3c0f6f8d2b11</SubjectFromWebIdentityToken>
                    <Audience>api://AzureADTokenExchange</Audience>
                    <AssumedRoleUser>
                      <Arn>arn:aws-us-gov:sts::111122223333:assumed-role/FinOpsPipeline/multicloud-cost-pipeline</Arn>
                      <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:multicloud-cost-pipeline</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <SessionToken>AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE</SessionToken>
                      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                      <Expiration>2100-01-01T00:00:00Z</Expiration>
                      <AccessKeyId>ASgeIAIOSFODNN7EXAMPLE</AccessKeyId>
                    </Credentials>
                    <Provider>sts.windows.net/tenant/</Provider>
                  </AssumeRoleWithWebIdentityResult>
                  <ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId></ResponseMetadata>
                </AssumeRoleWithWebIdentityResponse>
                """));
        var options = Options.Create(new AwsOptions
        {
            Enabled = true, PayerAccountId = "111122223333", RoleArn = "arn:aws-us-gov:iam::111122223333:role/FinOpsPipeline",
            StsRegion = "us-gov-west-1", StsEndpoint = new Uri(_sts.Url + "/"),
        });
        var factory = new AwsCredentialsFactory(options, new StaticTokenCredential("entra-token-for-aws"));

        var credentials = await factory.Get().GetCredentialsAsync();

        credentials.AccessKey.Should().Be("ASgeIAIOSFODNN7EXAMPLE");
        var request = _sts.LogEntries.Should().ContainSingle().Subject.RequestMessage;
        request.Body.Should().Contain("WebIdentityToken=entra-token-for-aws").And.Contain("RoleArn=arn%3Aaws-us-gov%3Aiam%3A%3A111122223333%3Arole%2FFinOpsPipeline");
    }

    [Theory]
    [InlineData("us-east-1", null, "https://sts.us-east-1.amazonaws.com")]
    [InlineData("us-gov-west-1", null, "https://sts.us-gov-west-1.amazonaws.com")]
    [InlineData("cn-north-1", null, "https://sts.cn-north-1.amazonaws.com.cn")]
    [InlineData("us-east-1", "https://vpce-0a1b2c3d.sts.us-east-1.vpce.amazonaws.com/", "https://vpce-0a1b2c3d.sts.us-east-1.vpce.amazonaws.com")]
    public void Sts_is_regional_in_the_configured_partition_or_the_configured_endpoint(string region, string? endpoint, string expected)
    {
        var config = AwsCredentialsFactory.StsConfig(new AwsOptions { StsRegion = region, StsEndpoint = endpoint is null ? null : new Uri(endpoint) });

        config.DetermineServiceOperationEndpoint(new Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters(new Amazon.SecurityToken.Model.AssumeRoleWithWebIdentityRequest()))
            .URL.TrimEnd('/').Should().Be(expected);
    }

    public void Dispose() => _sts.Stop();
}
