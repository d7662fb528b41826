using Pipeline.Http;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Common;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>MACC lots from the Consumption API, in the casings and views the service really returns.</summary>
public sealed class AzureMaccConnectorTests : IDisposable
{
    private static readonly string LotsPath = $"/providers/Microsoft.Billing/billingAccounts/{AzureStub.BillingAccount}/providers/Microsoft.Consumption/lots";
    private readonly AzureStub _azure = new();

    private AzureMaccConnector Connector() => _azure.Connector<AzureMaccConnector>();

    [Fact]
    public async Task Primary_lots_in_either_casing_become_provider_commitments_and_contributor_views_are_skipped()
    {
        _azure.Server.Given(_azure.Get(LotsPath).WithParam("api-version", "2023-11-01").WithParam("$filter", "source eq 'ConsumptionCommitment'"))
            .AtPriority(5).RespondWith(AzureStub.Json($$"""
            { "value": [
                { "id": "{{LotsPath}}/lot1", "name": "lot1", "type": "Microsoft.Consumption/lots",
                  "properties": { "originalAmount": { "currency": "USD", "value": 30000000.00 }, "closedBalance": { "currency": "USD", "value": 21500000.50 },
                    "usedAmount": { "currency": "USD", "value": 8499999.50 }, "orgType": "Primary", "source": "ConsumptionCommitment",
                    "startDate": "2025-01-01T00:00:00Z", "expirationDate": "2028-01-01T00:00:00Z", "status": "Active" } },
                { "id": "{{LotsPath}}/lot9", "name": "lot9", "type": "Microsoft.Consumption/lots",
                  "properties": { "usedAmount": { "currency": "USD", "value": 550.00 }, "orgType": "Contributor", "source": "ConsumptionCommitment",
                    "startDate": "2025-01-01T00:00:00Z", "expirationDate": "2026-01-01T00:00:00Z", "status": "Active" } } ],
              "nextLink": "{{_azure.Server.Url}}{{LotsPath}}?api-version=2023-11-01&$skiptoken=page2" }
            """));
        _azure.Server.Given(_azure.Get(LotsPath).WithParam("$skiptoken", "page2")).AtPriority(1).RespondWith(AzureStub.Json($$"""
            { "value": [
                { "id": "{{LotsPath}}/lot2", "name": "lot2", "type": "Microsoft.Consumption/lots",
                  "properties": { "OriginalAmount": { "Currency": "eur", "Value": 1200000 }, "ClosedBalance": { "Currency": "EUR", "Value": 1200000 },
                    "UsedAmount": { "Currency": "EUR", "Value": 0 }, "OrgType": "Primary", "Source": "ConsumptionCommitment",
                    "StartDate": "2026-07-01T00:00:00Z", "ExpirationDate": "2027-07-01T00:00:00Z", "Status": "Active" } } ] }
            """));

        var commitments = await Connector().PullAsync();

        commitments.Select(c => c.Id).Should().Equal("azure-macc-lot1", "azure-macc-lot2");
        var lot1 = commitments[0];
        (lot1.ProviderName, lot1.Currency, lot1.Origin, lot1.ReportedBalance, lot1.ReportedUsed).Should().Be(("Microsoft", "USD", "provider", 21500000.50m, 8499999.50m));
        lot1.Periods.Should().ContainSingle().Which.Should().Be(new Pipeline.Core.Commitments.CommitmentPeriod(new DateOnly(2025, 1, 1), new DateOnly(2028, 1, 1), 30000000.00m));
        lot1.Eligibility.BillingAccountIds.Should().Equal(AzureStub.BillingAccount);
        commitments[1].Should().Match<Pipeline.Core.Commitments.Commitment>(c => c.Currency == "EUR" && c.Periods[0].Amount == 1200000m);
    }

    [Fact]
    public async Task A_lot_with_an_unknown_currency_is_refused_by_name()
    {
        _azure.Server.Given(_azure.Get(LotsPath)).RespondWith(AzureStub.Json("""
            { "value": [ { "name": "lot7", "properties": { "originalAmount": { "currency": "ZZZ", "value": 5 }, "startDate": "2025-01-01T00:00:00Z", "expirationDate": "2026-01-01T00:00:00Z" } } ] }
            """));

        var act = () => Connector().PullAsync();

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).WithMessage("*MACC lot lot7: currency is not ISO 4217*");
    }

    [Fact]
    public async Task Missing_billing_role_is_a_clear_authorization_error()
    {
        _azure.Server.Given(_azure.Get(LotsPath)).RespondWith(AzureStub.Json("""{ "error": { "code": "AuthorizationFailed", "message": "billing reader role required" } }""", 401));

        var act = () => Connector().PullAsync();

        (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).WithMessage("*HTTP 401*billing reader role required*");
    }

    public void Dispose() => _azure.Dispose();
}
