using Pipeline.Http;
using Pipeline.Core.Capacity;

namespace Pipeline.Connectors.Tests.Oci;

/// <summary>GPU limits: availability domains and GPU limit names discovered, availability read per AD, unsupported limits skipped.</summary>
public sealed class OciLimitsConnectorTests : IDisposable
{
    private readonly OciStub _oci = new();

    [Fact]
    public async Task Gpu_limits_are_discovered_and_read_per_availability_domain()
    {
        _oci.Server.Given(_oci.Get("/identity/us-ashburn-1/20160918/availabilityDomains")).RespondWith(OciStub.Json("""
            [ { "name": "Uocm:US-ASHBURN-AD-1", "id": "ocid1.availabilitydomain.oc1..ad1" }, { "name": "Uocm:US-ASHBURN-AD-2", "id": "ocid1.availabilitydomain.oc1..ad2" } ]
            """));
        _oci.Server.Given(_oci.Get("/limits/us-ashburn-1/20190729/limitDefinitions").WithParam("serviceName", "compute")).RespondWith(OciStub.Json("""
            [ { "name": "gpu-h100-count", "serviceName": "compute", "scopeType": "AD", "isResourceAvailabilitySupported": true },
              { "name": "gpu-b200-count", "serviceName": "compute", "scopeType": "AD", "isResourceAvailabilitySupported": true },
              { "name": "gpu3-count", "serviceName": "compute", "scopeType": "AD", "isDeprecated": true },
              { "name": "standard-e5-core-count", "serviceName": "compute", "scopeType": "AD", "isResourceAvailabilitySupported": true } ]
            """));
        string Availability(string limit) => $"/limits/us-ashburn-1/20190729/services/compute/limits/{limit}/resourceAvailability";
        _oci.Server.Given(_oci.Get(Availability("gpu-h100-count")).WithParam("availabilityDomain", "Uocm:US-ASHBURN-AD-1"))
            .RespondWith(OciStub.Json("""{ "used": 128, "available": 64, "fractionalUsage": 128.0, "fractionalAvailability": 64.0 }"""));
        _oci.Server.Given(_oci.Get(Availability("gpu-h100-count")).WithParam("availabilityDomain", "Uocm:US-ASHBURN-AD-2"))
            .RespondWith(OciStub.Json("""{ "used": 64, "available": 0 }"""));
        _oci.Server.Given(_oci.Get(Availability("gpu-b200-count")).WithParam("availabilityDomain", "Uocm:US-ASHBURN-AD-1"))
            .RespondWith(OciStub.Json("""{ "used": 0, "available": 32 }"""));
        _oci.Server.Given(_oci.Get(Availability("gpu-b200-count")).WithParam("availabilityDomain", "Uocm:US-ASHBURN-AD-2"))
            .RespondWith(OciStub.Json("""{"code":"NotAuthorizedOrNotFound","message":"Resource availability is not supported for this limit."}""", 404));

        var observations = await _oci.Limits(o => o.Regions = ["us-ashburn-1"]).PullAsync();

        observations.Select(o => (o.Family, o.ResourceId, o.Limit, o.Used)).Should().BeEquivalentTo(new[]
        {
            ("gpu-h100-count", "Uocm:US-ASHBURN-AD-1", 192m, (decimal?)128m),
            ("gpu-h100-count", "Uocm:US-ASHBURN-AD-2", 64m, (decimal?)64m),
            ("gpu-b200-count", "Uocm:US-ASHBURN-AD-1", 32m, (decimal?)0m),
        });
        observations.Should().AllSatisfy(o => o.Should().Match<CapacityObservation>(x => x.ProviderName == "Oracle" && x.RegionId == "us-ashburn-1" && x.Kind == CapacityKind.Quota));
    }

    [Fact]
    public async Task Configured_limit_names_skip_discovery()
    {
        _oci.Server.Given(_oci.Get("/identity/us-chicago-1/20160918/availabilityDomains")).RespondWith(OciStub.Json("""[ { "name": "Uocm:US-CHICAGO-AD-1" } ]"""));
        _oci.Server.Given(_oci.Get("/limits/us-chicago-1/20190729/services/compute/limits/gpu-a100-v2-count/resourceAvailability"))
            .RespondWith(OciStub.Json("""{ "used": 8, "available": 8 }"""));

        var observations = await _oci.Limits(o => { o.Regions = ["us-chicago-1"]; o.GpuLimitNames = ["gpu-a100-v2-count"]; }).PullAsync();

        observations.Should().ContainSingle().Which.Should().Match<CapacityObservation>(o => o.Family == "gpu-a100-v2-count" && o.Limit == 16);
        _oci.Server.LogEntries.Should().NotContain(e => e.RequestMessage.Path.Contains("limitDefinitions"));
    }

    [Fact]
    public async Task Every_availability_refused_is_a_permissions_error_not_an_empty_snapshot()
    {
        _oci.Server.Given(_oci.Get("/identity/us-chicago-1/20160918/availabilityDomains")).RespondWith(OciStub.Json("""[ { "name": "Uocm:US-CHICAGO-AD-1" } ]"""));
        _oci.Server.Given(_oci.Get("/limits/us-chicago-1/20190729/services/compute/limits/*/resourceAvailability"))
            .RespondWith(OciStub.Json("""{"code":"NotAuthorizedOrNotFound","message":"Authorization failed or requested resource not found."}""", 404));

        var act = () => _oci.Limits(o => { o.Regions = ["us-chicago-1"]; o.GpuLimitNames = ["gpu-a100-v2-count", "gpu-h100-count"]; }).PullAsync();

        var error = (await act.Should().ThrowAsync<Pipeline.Http.ProviderUnauthorizedException>()).Which;
        error.Message.Should().Contain("every GPU limit's availability was refused").And.Contain("docs/oci.md");
        error.Code.Should().Be("NotAuthorizedOrNotFound");
    }

    public void Dispose() => _oci.Dispose();
}
