using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Pipeline.Connectors.Tests.Aws;

/// <summary>
/// The signer the connector uses (AWSSDK.Core's public SigV4) against a known vector. AWSSDK.Core always signs
/// x-amz-content-sha256, so the suite's <c>get-vanilla</c> (which does not) cannot be reproduced byte for byte;
/// this is the same algorithm's vector for a Cost Explorer call, as recorded in the team's AWS reference
/// (AKIDEXAMPLE credentials of the AWS test suite, fixed time).
/// </summary>
public class SigV4Tests
{
    [Fact]
    public void A_cost_explorer_request_signs_to_the_reference_signature()
    {
        const string body = """{"TimePeriod":{"Start":"2025-06-01","End":"2025-06-08"},"Granularity":"DAILY","Metrics":["UnblendedCost"],"GroupBy":[{"Type":"DIMENSION","Key":"SERVICE"}]}""";
        var request = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = new Uri("https://ce.us-east-1.amazonaws.com/"),
            Content = Encoding.UTF8.GetBytes(body),
        };
        request.Headers["Host"] = "ce.us-east-1.amazonaws.com";
        request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        request.Headers["X-Amz-Target"] = "AWSInsightsIndexService.GetCostAndUsage";
        var parameters = new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            Region = RegionEndpoint.USEast1,
            Service = "ce",
            SignedAt = new DateTime(2025, 6, 8, 12, 0, 0, DateTimeKind.Utc),
        };

        var result = AWSSigV4Signer.Sign(request, parameters);

        result.Headers["X-Amz-Content-SHA256"].Should().Be("b00e0441f04b01e247386129cff0de8e86c7b842a40366345cb3877eac805e5e");
        result.Headers["Authorization"].Should().Be(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250608/us-east-1/ce/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=bf9e7139a866213b7af8520228a144f456734c684ffefea94d329f18a1238cf1");
    }
}
