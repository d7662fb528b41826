using Pipeline.Core.BurnRate;
using Pipeline.Core.Commitments;
using Pipeline.Core.Portfolio;

namespace Pipeline.Core.Tests.Portfolio;

public class PortfolioAdvisorTests
{
    private static (Commitment, BurnRateSnapshot) Position(string id, string provider, decimal amount, decimal p50, int daysRemaining, string currency = "USD")
    {
        var asOf = new DateOnly(2026, 6, 30);
        var commitment = new Commitment
        {
            Id = id, Name = id, ProviderName = provider, Currency = currency,
            Periods = [new CommitmentPeriod(new DateOnly(2026, 1, 1), asOf.AddDays(daysRemaining + 1), amount)],
        };
        var snapshot = new BurnRateSnapshot
        {
            ContractCommitmentId = id, AsOf = asOf, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = asOf.AddDays(daysRemaining + 1),
            PeriodAmount = amount, Currency = currency, Consumed = 0, Expected = 0, Rate7 = 0, Rate30 = 0,
            ForecastP10 = p50, ForecastP50 = p50, ForecastP90 = p50, ProjectedShortfall = Math.Max(0, amount - p50), Status = BurnStatus.AtRisk,
        };
        return (commitment, snapshot);
    }

    [Fact]
    public void A_surplus_on_one_cloud_fills_a_shortfall_on_another()
    {
        var recommendations = PortfolioAdvisor.Recommend([Position("aws", "AWS", 1_000m, 700m, 100), Position("azure", "Microsoft", 1_000m, 1_500m, 200)]);

        var r = recommendations.Should().ContainSingle().Subject;
        (r.FromCommitmentId, r.ToCommitmentId, r.PerDay, r.Days, r.Total, r.ToShortfallAfter).Should().Be(("azure", "aws", 3m, 100, 300m, 0m));
    }

    [Fact]
    public void A_donor_never_gives_more_than_its_surplus()
    {
        var r = PortfolioAdvisor.Recommend([Position("aws", "AWS", 1_000m, 0m, 100), Position("oci", "Oracle", 1_000m, 1_200m, 100)]).Single();

        r.Total.Should().Be(200m);
        r.ToShortfallAfter.Should().Be(800m);
    }

    [Fact]
    public void The_same_provider_and_other_currencies_are_not_paired()
    {
        PortfolioAdvisor.Recommend([Position("a", "AWS", 1_000m, 500m, 50), Position("b", "AWS", 1_000m, 2_000m, 50), Position("c", "Oracle", 1_000m, 2_000m, 50, "EUR")])
            .Should().BeEmpty();
    }
}
