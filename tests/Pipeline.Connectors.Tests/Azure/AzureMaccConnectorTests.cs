using Pipeline.Http;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Common;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>MACC lots from the Consumption API, in the casings and views the service really returns.</summary>
public sealed class AzureMaccConnectorTests : IDisposable
{
    private static readonly string LotsPath = $"/providers/Microsoft.Billing/billingAccounts/{AzureStub.BillingAccount}/providers/Microsoft.Consumption/lots";
    private static readonly string EventsPath = $"/providers/Microsoft.Billing/billingAccounts/{AzureStub.BillingAccount}/providers/Microsoft.Consumption/events";
    private readonly AzureStub _azure = new();

    public AzureMaccConnectorTests()
    {
        _azure.Server.Given(_azure.Get(EventsPath)).AtPriority(10).RespondWith(AzureStub.Json("""{ "value": [] }"""));
    }

    /// <summary>The body of a published Consumption example (tests/Fixtures/azure-rest-api-specs, MIT).</summary>
    private static string Published(string name) => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "azure-rest-api-specs", name)))!["responses"]!["200"]!["body"]!.ToJsonString();

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
    public async Task The_published_primary_lot_is_a_commitment_and_the_published_contributor_lot_is_not()
    {
        _azure.Server.Given(_azure.Get(LotsPath)).RespondWith(AzureStub.Json(Published("LotsListByBillingAccount-Primary.json")));

        var primary = await Connector().PullAsync();

        primary.Should().ContainSingle().Which.Should().Match<Pipeline.Core.Commitments.Commitment>(c =>
            c.Id == "azure-macc-lot1" && c.Periods[0].Amount == 5000m && c.ReportedBalance == 60.9m && c.ReportedUsed == 550m && c.ReportedBalanceAsOf == null);
        AzureMaccConnector.ToCommitment(System.Text.Json.JsonDocument.Parse(Published("LotsListByBillingAccount-Contributor.json")).RootElement.GetProperty("value")[0], "x")
            .Should().BeNull("a contributor sees the primary's MACC");
    }

    [Theory]
    [InlineData("OrganizationType", "Contributor", "Active")]
    [InlineData("OrgType", "contributor", "Active")]
    [InlineData("OrganizationType", "Primary", "Expired")]
    [InlineData("OrganizationType", "Primary", "Canceled")]
    [InlineData("OrganizationType", "Primary", "Complete")]
    [InlineData("OrganizationType", "Primary", "Inactive")]
    public void A_contributor_view_with_an_amount_or_a_lot_that_ended_is_no_commitment(string property, string organization, string status)
    {
        // A multi-MACC contributor sees the primary's lot with its originalAmount: counting it would count the MACC twice.
        using var lot = System.Text.Json.JsonDocument.Parse($$"""
            { "name": "lot1", "properties": { "{{property}}": "{{organization}}", "originalAmount": { "currency": "USD", "value": 5000 },
              "usedAmount": { "currency": "USD", "value": 550 }, "startDate": "2019-10-01T00:00:00Z", "expirationDate": "2019-11-01T00:00:00Z", "status": "{{status}}" } }
            """);

        AzureMaccConnector.ToCommitment(lot.RootElement, "x").Should().BeNull();
    }

    [Fact]
    public async Task The_balance_is_dated_by_the_last_settlement_event_of_its_lot()
    {
        var today = DateOnly.FromDateTime(_azure.Time.GetUtcNow().UtcDateTime);
        var (older, last) = (today.AddDays(-60), today.AddDays(-30));
        _azure.Server.Given(_azure.Get(LotsPath)).RespondWith(AzureStub.Json(Published("LotsListByBillingAccount-Primary.json")));
        _azure.Server.Given(_azure.Get(EventsPath).WithParam("startDate", $"{today.AddDays(-95):yyyy-MM-dd}").WithParam("endDate", $"{today:yyyy-MM-dd}")
                .WithParam("$filter", "lotsource eq 'ConsumptionCommitment'"))
            .AtPriority(1).RespondWith(AzureStub.Json($$"""
            { "value": [
              { "name": "e1", "properties": { "lotSource": "ConsumptionCommitment", "lotId": "/providers/Microsoft.Billing/billingAccounts/1234:5678/Microsoft.Consumption/lots/lot1",
                "transactionDate": "{{older:yyyy-MM-dd}}T00:00:00Z", "eventType": "SettledCharges", "closedBalance": { "currency": "USD", "value": 120.5 } } },
              { "name": "e2", "properties": { "lotSource": "ConsumptionCommitment", "lotId": "/providers/Microsoft.Billing/billingAccounts/1234:5678/Microsoft.Consumption/lots/lot1",
                "transactionDate": "{{last:yyyy-MM-dd}}T00:00:00Z", "eventType": "SettledCharges", "closedBalance": { "currency": "USD", "value": 60.9 } } },
              { "name": "e3", "properties": { "lotSource": "ConsumptionCommitment", "lotId": "/providers/Microsoft.Billing/billingAccounts/1234:5678/Microsoft.Consumption/lots/other",
                "transactionDate": "{{today:yyyy-MM-dd}}T00:00:00Z", "eventType": "SettledCharges", "closedBalance": { "currency": "USD", "value": 1 } } } ] }
            """));

        var lot = (await Connector().PullAsync()).Single();

        (lot.ReportedBalance, lot.ReportedBalanceAsOf).Should().Be((60.9m, last), "the balance is the last invoice's, not today's");
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
