using Pipeline.Core.Commitments;
using Pipeline.Core.Costs;

namespace Pipeline.Core.Tests.Commitments;

/// <summary>"Does this commitment cover this account", decided in one place for evaluation, spend and alert recipients.</summary>
public class CommitmentCoverageTests
{
    private static Commitment Edp(params string[] accounts) => new()
    {
        Id = "edp", Name = "AWS EDP", ProviderName = "AWS", Currency = "USD",
        Eligibility = new CommitmentEligibility { BillingAccountIds = accounts, ExcludeServiceNames = ["Tax"] },
    };

    [Theory]
    [InlineData("AWS", "123456789012", true)]
    [InlineData("aws", "123456789012", true)]
    [InlineData("AWS", "999999999999", false)]
    [InlineData("Microsoft", "123456789012", false)]
    public void An_account_is_covered_by_its_provider_in_any_casing_and_a_listed_account(string provider, string account, bool covered) =>
        Edp("123456789012").CoversAccount(provider, account).Should().Be(covered);

    [Fact]
    public void A_commitment_listing_no_accounts_covers_every_account_of_its_provider()
    {
        Edp().CoversAccount("AWS", "any").Should().BeTrue();
        Edp().CoversAccount("Google Cloud", "any").Should().BeFalse();
    }

    [Fact]
    public void Billing_account_ids_match_in_any_casing()
    {
        var macc = Edp("12345678:ABCD_2019-05-31") with { ProviderName = "Microsoft" };

        macc.CoversAccount("Microsoft", "12345678:abcd_2019-05-31").Should().BeTrue();
    }

    [Fact]
    public void A_row_counts_when_its_account_is_covered_and_it_is_eligible()
    {
        CostRow Row(string account, string service) => new()
        {
            ChargePeriodStart = new DateOnly(2025, 6, 1), BillingPeriodStart = new DateOnly(2025, 6, 1), BillingPeriodEnd = new DateOnly(2025, 7, 1),
            ProviderName = "AWS", BillingAccountId = account, ChargeCategory = "Usage", BillingCurrency = "USD", ServiceName = service, BilledCost = 1m, EffectiveCost = 1m,
            SourceKind = "api", Source = "test",
        };
        var edp = Edp("123456789012");

        edp.Counts(Row("123456789012", "Amazon EC2")).Should().BeTrue();
        edp.Counts(Row("123456789012", "Tax")).Should().BeFalse("excluded services never count");
        edp.Counts(Row("999999999999", "Amazon EC2")).Should().BeFalse();
    }
}
