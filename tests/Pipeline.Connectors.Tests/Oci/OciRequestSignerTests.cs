using System.Security.Cryptography;
using System.Text;
using Pipeline.Connectors.Oci;
using Pipeline.Testing;

namespace Pipeline.Connectors.Tests.Oci;

/// <summary>The OCI signature against Oracle's published test vectors (tests/Fixtures/oci-signing).</summary>
public class OciRequestSignerTests
{
    private const string KeyId = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq/ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";
    // Verbatim from the vectors (5 January 2014 was in fact a Sunday): the date is signed as the string it is sent as.
    private const string Date = "Thu, 05 Jan 2014 21:31:40 GMT";

    private static OciRequestSigner Signer()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oci-signing", "sample-api-key.pem")));
        return new OciRequestSigner(rsa, KeyId, new InstantTimeProvider(TestClock.Now));
    }

    [Fact]
    public void A_get_matches_oracles_vector()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "https://iaas.us-phoenix-1.oraclecloud.com/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q");

        var signingString = Signer().Sign(request, [], Date);

        signingString.Should().Be("date: Thu, 05 Jan 2014 21:31:40 GMT\n"
            + "(request-target): get /20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q\n"
            + "host: iaas.us-phoenix-1.oraclecloud.com");
        request.Headers.GetValues("Authorization").Single().Should().Be(
            $"Signature version=\"1\",headers=\"date (request-target) host\",keyId=\"{KeyId}\",algorithm=\"rsa-sha256\",signature=\"GBas7grhyrhSKHP6AVIj/h5/Vp8bd/peM79H9Wv8kjoaCivujVXlpbKLjMPeDUhxkFIWtTtLBj3sUzaFj34XE6YZAHc9r2DmE4pMwOAy/kiITcZxa1oHPOeRheC0jP2dqbTll8fmTZVwKZOKHYPtrLJIJQHJjNvxFWeHQjMaR7M=\"");
    }

    [Fact]
    public async Task A_post_matches_oracles_vector_and_sends_exactly_what_it_signed()
    {
        const string body = "{\n    \"compartmentId\": \"ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa\",\n    \"instanceId\": \"ocid1.instance.oc1.phx.abuw4ljrlsfiqw6vzzxb43vyypt4pkodawglp3wqxjqofakrwvou52gb6s5a\",\n    \"volumeId\": \"ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q\"\n}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://iaas.us-phoenix-1.oraclecloud.com/20160918/volumeAttachments");

        var signingString = Signer().Sign(request, Encoding.UTF8.GetBytes(body), Date);

        signingString.Should().Be("date: Thu, 05 Jan 2014 21:31:40 GMT\n(request-target): post /20160918/volumeAttachments\nhost: iaas.us-phoenix-1.oraclecloud.com\n"
            + "content-length: 316\ncontent-type: application/json\nx-content-sha256: V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0=");
        request.Headers.GetValues("Authorization").Single().Should().EndWith(
            "signature=\"Mje8vIDPlwIHmD/cTDwRxE7HaAvBg16JnVcsuqaNRim23fFPgQfLoOOxae6WqKb1uPjYEl0qIdazWaBy/Ml8DRhqlocMwoSXv0fbukP8J5N80LCmzT/FFBvIvTB91XuXI3hYfP9Zt1l7S6ieVadHUfqBedWH0itrtPJBgKmrWso=\"");
        request.Content!.Headers.ContentType!.ToString().Should().Be("application/json");
        (await request.Content.ReadAsStringAsync()).Should().Be(body);
    }

    [Fact]
    public void An_empty_post_body_hashes_to_the_documented_value()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://usageapi.us-ashburn-1.oci.oraclecloud.com/20200107/usage");

        Signer().Sign(request, [], Date);

        request.Headers.GetValues("x-content-sha256").Single().Should().Be("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }
}
