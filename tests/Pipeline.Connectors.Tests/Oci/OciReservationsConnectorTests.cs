using Pipeline.Connectors.Oci;
using Pipeline.Core.Capacity;
using Pipeline.Http;

namespace Pipeline.Connectors.Tests.Oci;

/// <summary>
/// Compute capacity reservations from Core Services, in the shapes of the OCI SDK models
/// (<c>ComputeCapacityReservationSummary</c> in the list, <c>ComputeCapacityReservation</c> with its
/// <c>instanceReservationConfigs</c> by id), through the signed client.
/// </summary>
public sealed class OciReservationsConnectorTests : IDisposable
{
    private const string Reservation = "ocid1.capacityreservation.oc1.iad.anuwcljrh100";
    private readonly OciStub _oci = new();

    private static string Summary(string id, string state) => $$"""
        { "id": "{{id}}", "compartmentId": "{{OciStub.Tenancy}}", "displayName": "h100-training", "availabilityDomain": "Uocm:US-ASHBURN-AD-1",
          "lifecycleState": "{{state}}", "reservedInstanceCount": 5, "usedInstanceCount": 3, "isDefaultReservation": false,
          "timeCreated": "2026-05-01T10:00:00.000Z", "definedTags": {}, "freeformTags": {} }
        """;

    [Fact]
    public async Task Each_gpu_config_of_a_live_reservation_is_a_reservation_with_its_fault_domain_and_state()
    {
        _oci.Server.Given(_oci.Get("/iaas/us-ashburn-1/20160918/computeCapacityReservations").WithParam("compartmentId", OciStub.Tenancy)).AtPriority(5)
            .RespondWith(OciStub.Json($"[ {Summary(Reservation, "ACTIVE")}, {Summary("ocid1.capacityreservation.oc1.iad.gone", "DELETED")} ]", nextPage: "p2"));
        _oci.Server.Given(_oci.Get("/iaas/us-ashburn-1/20160918/computeCapacityReservations").WithParam("page", "p2")).AtPriority(1)
            .RespondWith(OciStub.Json($"[ {Summary("ocid1.capacityreservation.oc1.iad.vanished", "UPDATING")} ]"));
        _oci.Server.Given(_oci.Get($"/iaas/us-ashburn-1/20160918/computeCapacityReservations/{Reservation}")).RespondWith(OciStub.Json($$"""
            { "id": "{{Reservation}}", "compartmentId": "{{OciStub.Tenancy}}", "displayName": "h100-training", "availabilityDomain": "Uocm:US-ASHBURN-AD-1",
              "lifecycleState": "ACTIVE", "reservedInstanceCount": 5, "usedInstanceCount": 3, "isDefaultReservation": false,
              "instanceReservationConfigs": [
                { "faultDomain": "FAULT-DOMAIN-1", "instanceShape": "BM.GPU.H100.8", "reservedCount": 2, "usedCount": 2 },
                { "faultDomain": "FAULT-DOMAIN-2", "instanceShape": "BM.GPU.H100.8", "reservedCount": 2, "usedCount": 1 },
                { "instanceShape": "VM.Standard.E5.Flex", "instanceShapeConfig": { "ocpus": 8, "memoryInGBs": 128 }, "reservedCount": 1, "usedCount": 0 } ],
              "timeCreated": "2026-05-01T10:00:00.000Z", "timeUpdated": "2026-06-01T10:00:00.000Z" }
            """));
        _oci.Server.Given(_oci.Get("/iaas/us-ashburn-1/20160918/computeCapacityReservations/ocid1.capacityreservation.oc1.iad.vanished"))
            .RespondWith(OciStub.Json("""{"code":"NotAuthorizedOrNotFound","message":"Authorization failed or requested resource not found."}""", 404));
        var connector = _oci.Service<OciReservationsConnector>(o => o.Regions = ["us-ashburn-1"]);

        var observations = await connector.PullAsync();

        observations.Should().Equal(
            new CapacityObservation("Oracle", OciStub.Tenancy, "us-ashburn-1", CapacityKind.Reservation, "BM.GPU.H100.8", 2, 2, $"{Reservation}/FAULT-DOMAIN-1", State: "ACTIVE"),
            new CapacityObservation("Oracle", OciStub.Tenancy, "us-ashburn-1", CapacityKind.Reservation, "BM.GPU.H100.8", 2, 1, $"{Reservation}/FAULT-DOMAIN-2", State: "ACTIVE"));
        _oci.Server.LogEntries.Should().NotContain(e => e.RequestMessage.Path.EndsWith("/gone", StringComparison.Ordinal), "a deleted reservation holds nothing and is not read");
        var normalized = observations.Select(o => new CapacityNormalizer(AcceleratorCatalog.Default).Normalize(o, DateTimeOffset.UnixEpoch)).ToList();
        normalized.Should().OnlyContain(r => r.AcceleratorModel == "H100" && r.Catalogued);
        (normalized.Sum(r => r.GpusLimit), normalized.Sum(r => r.GpusUsed)).Should().Be((32m, 24m));
    }

    [Fact]
    public async Task Configured_compartments_are_each_listed_in_each_region()
    {
        _oci.Server.Given(_oci.Get("/iaas/*/20160918/computeCapacityReservations")).RespondWith(OciStub.Json("[]"));
        var connector = _oci.Service<OciReservationsConnector>(o => { o.Regions = ["us-ashburn-1", "us-chicago-1"]; o.ReservationCompartmentIds = ["ocid1.compartment.oc1..gpu", "ocid1.compartment.oc1..ml"]; });

        (await connector.PullAsync()).Should().BeEmpty();

        _oci.Server.LogEntries.Select(e => (e.RequestMessage.Path, e.RequestMessage.Query!["compartmentId"].Single())).Should().BeEquivalentTo(new[]
        {
            ("/iaas/us-ashburn-1/20160918/computeCapacityReservations", "ocid1.compartment.oc1..gpu"), ("/iaas/us-ashburn-1/20160918/computeCapacityReservations", "ocid1.compartment.oc1..ml"),
            ("/iaas/us-chicago-1/20160918/computeCapacityReservations", "ocid1.compartment.oc1..gpu"), ("/iaas/us-chicago-1/20160918/computeCapacityReservations", "ocid1.compartment.oc1..ml"),
        });
    }

    [Fact]
    public async Task A_missing_policy_is_a_permissions_error_not_an_empty_snapshot()
    {
        _oci.Server.Given(_oci.Get("/iaas/us-ashburn-1/20160918/computeCapacityReservations"))
            .RespondWith(OciStub.Json("""{"code":"NotAuthorizedOrNotFound","message":"Authorization failed or requested resource not found."}""", 404));
        var connector = _oci.Service<OciReservationsConnector>(o => o.Regions = ["us-ashburn-1"]);

        var act = () => connector.PullAsync();

        (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).WithMessage("*NotAuthorizedOrNotFound*docs/oci.md*");
    }

    public void Dispose() => _oci.Dispose();
}
