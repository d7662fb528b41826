using Pipeline.Http;
using Pipeline.Connectors.Common;
using Pipeline.Connectors.Oci;
using Pipeline.Core.Commitments;

namespace Pipeline.Connectors.Tests.Oci;

/// <summary>Universal Credits commitments from OneSubscription, amounts as the strings the API sends.</summary>
public sealed class OciCommitmentConnectorTests : IDisposable
{
    private readonly OciStub _oci = new();

    private OciCommitmentConnector Connector() =>
        _oci.Service<OciCommitmentConnector>(o => { o.SubscribedServiceIds = ["ocid1.subscribedservice.oc1..a"]; o.Currency = "eur"; });

    [Fact]
    public async Task Commitments_are_paged_and_become_provider_commitments_with_the_reported_amounts()
    {
        _oci.Server.Given(_oci.Get("/identity/us-ashburn-1/20190111/commitments").WithParam("subscribedServiceId", "ocid1.subscribedservice.oc1..a")).AtPriority(5)
            .RespondWith(OciStub.Json("""
                [ { "id": "ucm-1", "subscribedServiceId": "ocid1.subscribedservice.oc1..a", "timeStart": "2026-06-01T00:00:00.000Z", "timeEnd": "2027-06-01T00:00:00.000Z",
                    "quantity": "1", "usedAmount": "6812345.67", "availableAmount": "5187654.33", "fundedAllocationValue": "12000000.00" } ]
                """, nextPage: "p2"));
        _oci.Server.Given(_oci.Get("/identity/us-ashburn-1/20190111/commitments").WithParam("page", "p2")).AtPriority(1).RespondWith(OciStub.Json("[]"));

        var commitments = await Connector().PullAsync();

        commitments.Skipped.Should().BeEmpty();
        var c = commitments.Commitments.Should().ContainSingle().Subject;
        (c.Id, c.ProviderName, c.Currency, c.Origin, c.ReportedUsed, c.ReportedBalance).Should().Be(("oci-commitment-ucm-1", "Oracle", "EUR", "provider", 6812345.67m, 5187654.33m));
        c.Periods.Should().Equal(new CommitmentPeriod(new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1), 12000000.00m));
        c.Eligibility.BillingAccountIds.Should().Equal(OciStub.Tenancy);
    }

    [Fact]
    public async Task Only_id_is_required_so_missing_amounts_are_derived_and_an_item_without_any_is_skipped_by_name()
    {
        // CommitmentSummary (OCI SDK models): every field but id optional, amounts as strings.
        _oci.Server.Given(_oci.Get("/identity/us-ashburn-1/20190111/commitments")).RespondWith(OciStub.Json("""
            [ { "id": "ucm-funded-only", "timeStart": "2026-06-01T00:00:00Z", "timeEnd": "2027-06-01T00:00:00Z", "fundedAllocationValue": "1000.00", "usedAmount": "250.00" },
              { "id": "ucm-no-funded", "timeStart": "2026-06-01T00:00:00Z", "timeEnd": "2027-06-01T00:00:00Z", "usedAmount": "10", "availableAmount": "90" },
              { "id": "ucm-bare" },
              { "id": "ucm-bad", "timeStart": "2026-06-01T00:00:00Z", "timeEnd": "2027-06-01T00:00:00Z", "usedAmount": "n/a", "availableAmount": "1" },
              { "id": "ucm-nulls", "timeStart": "2026-06-01T00:00:00Z", "timeEnd": "2027-06-01T00:00:00Z", "fundedAllocationValue": "500", "usedAmount": null, "availableAmount": null } ]
            """));

        var pull = await Connector().PullAsync();

        pull.Commitments.Select(c => (c.Id, c.Periods[0].Amount, c.ReportedUsed, c.ReportedBalance)).Should().Equal(
            ("oci-commitment-ucm-funded-only", 1000m, 250m, 750m),
            ("oci-commitment-ucm-no-funded", 100m, 10m, 90m),
            ("oci-commitment-ucm-nulls", 500m, (decimal?)null, (decimal?)null));
        pull.Skipped.Should().Equal(
            "OCI commitment ucm-bare skipped: no timeStart, no timeEnd, no amount (fundedAllocationValue, or usedAmount and availableAmount)",
            "Oracle Cloud: OCI commitment ucm-bad: usedAmount 'n/a' is not an amount (skipped)");
    }

    public void Dispose() => _oci.Dispose();
}
