using Pipeline.Core.BurnRate;
using static Pipeline.Core.Tests.BurnRate.Commitments;

namespace Pipeline.Core.Tests.BurnRate;

public class BurnRateCalculatorTests
{
    [Fact]
    public void Constant_spend_exactly_on_plan_gives_exact_numbers()
    {
        var commitment = Yearly(2025, 365_000m);
        var spend = Constant(D(2025, 1, 1), D(2025, 3, 31), 1_000m);

        var s = BurnRateCalculator.Calculate(commitment, spend, D(2025, 3, 31));

        s.Consumed.Should().Be(90_000m);
        s.Expected.Should().Be(90_000m);
        s.PaceRatio.Should().Be(1m);
        s.Rate7.Should().Be(1_000m);
        s.Rate30.Should().Be(1_000m);
        s.DaysRemaining.Should().Be(275);
        s.RequiredRate.Should().Be(1_000m);
        s.BurnRatio.Should().Be(1m);
        (s.ForecastP10, s.ForecastP50, s.ForecastP90).Should().Be((365_000m, 365_000m, 365_000m));
        s.ProjectedShortfall.Should().Be(0m);
        s.ExhaustionDate.Should().Be(D(2025, 12, 31));
        s.Status.Should().Be(BurnStatus.OnTrack, "even the pessimistic forecast reaches the amount");
    }

    [Fact]
    public void Half_the_required_spend_is_at_risk_with_the_shortfall_projected()
    {
        var commitment = Yearly(2025, 730_000m);
        var spend = Constant(D(2025, 1, 1), D(2025, 3, 31), 1_000m);

        var s = BurnRateCalculator.Calculate(commitment, spend, D(2025, 3, 31));

        s.Expected.Should().Be(180_000m);
        s.PaceRatio.Should().Be(0.5m);
        s.RequiredRate.Should().Be(640_000m / 275);
        s.BurnRatio.Should().Be(1_000m / (640_000m / 275));
        s.ForecastP50.Should().Be(365_000m);
        s.ProjectedShortfall.Should().Be(365_000m);
        s.ExhaustionDate.Should().BeNull();
        s.Status.Should().Be(BurnStatus.AtRisk);
    }

    [Fact]
    public void Double_the_required_spend_exhausts_early()
    {
        var commitment = Yearly(2025, 182_500m);
        var spend = Constant(D(2025, 1, 1), D(2025, 3, 31), 1_000m);

        var s = BurnRateCalculator.Calculate(commitment, spend, D(2025, 3, 31));

        s.PaceRatio.Should().Be(2m);
        s.ExhaustionDate.Should().Be(D(2025, 1, 1).AddDays(182), "day 183 brings the cumulative to 183,000 >= 182,500");
        s.Status.Should().Be(BurnStatus.ExhaustingEarly);
    }

    [Fact]
    public void Leap_years_have_366_days()
    {
        var commitment = Yearly(2024, 366_000m);
        var spend = Constant(D(2024, 1, 1), D(2024, 3, 1), 1_000m);

        var s = BurnRateCalculator.Calculate(commitment, spend, D(2024, 3, 1));

        s.Consumed.Should().Be(61_000m, "Jan 31 + Feb 29 + Mar 1");
        s.Expected.Should().Be(61_000m);
        s.DaysRemaining.Should().Be(305);
        s.RequiredRate.Should().Be(1_000m);
    }

    [Fact]
    public void A_ramp_evaluates_the_period_containing_the_day_from_its_own_start()
    {
        var commitment = Ramp((D(2025, 1, 1), D(2025, 7, 1), 100_000m), (D(2025, 7, 1), D(2026, 1, 1), 368_000m));
        var spend = Constant(D(2025, 1, 1), D(2025, 7, 10), 2_000m);

        var s = BurnRateCalculator.Calculate(commitment, spend, D(2025, 7, 10));

        (s.PeriodStart, s.PeriodEnd, s.PeriodAmount).Should().Be((D(2025, 7, 1), D(2026, 1, 1), 368_000m));
        s.Consumed.Should().Be(20_000m, "only July 1-10 count toward the second period");
        s.Expected.Should().Be(20_000m, "368,000 x 10 / 184");
        s.PaceRatio.Should().Be(1m);
    }

    [Fact]
    public void The_last_day_of_a_period_has_no_required_rate_and_a_settled_forecast()
    {
        var commitment = Ramp((D(2025, 1, 1), D(2025, 2, 1), 31_000m), (D(2025, 2, 1), D(2025, 3, 1), 50_000m));
        var spend = Constant(D(2025, 1, 1), D(2025, 1, 31), 990m);

        var s = BurnRateCalculator.Calculate(commitment, spend, D(2025, 1, 31));

        s.PeriodEnd.Should().Be(D(2025, 2, 1));
        s.DaysRemaining.Should().Be(0);
        s.RequiredRate.Should().BeNull();
        s.BurnRatio.Should().BeNull();
        (s.ForecastP10, s.ForecastP50, s.ForecastP90).Should().Be((30_690m, 30_690m, 30_690m));
        s.ProjectedShortfall.Should().Be(310m);
        s.Status.Should().Be(BurnStatus.AtRisk);
    }

    [Fact]
    public void A_commitment_starting_in_the_future_is_not_started()
    {
        var s = BurnRateCalculator.Calculate(Yearly(2027, 1_000_000m), Constant(D(2026, 1, 1), D(2026, 6, 30), 5_000m), D(2026, 6, 30));

        s.Status.Should().Be(BurnStatus.NotStarted);
        (s.Consumed, s.Expected, s.ProjectedShortfall).Should().Be((0m, 0m, 0m));
        s.PaceRatio.Should().BeNull();
    }

    [Theory]
    [InlineData(1_000, BurnStatus.Met)]
    [InlineData(900, BurnStatus.Shortfall)]
    public void An_ended_commitment_reports_its_final_period(int perDay, BurnStatus expected)
    {
        var s = BurnRateCalculator.Calculate(Yearly(2024, 366_000m), Constant(D(2024, 1, 1), D(2025, 2, 1), perDay), D(2025, 2, 1));

        s.Status.Should().Be(expected);
        s.Consumed.Should().Be(366m * perDay);
        s.PeriodEnd.Should().Be(D(2025, 1, 1));
        s.AsOf.Should().Be(D(2025, 2, 1));
    }

    [Fact]
    public void Zero_spend_is_at_risk_with_the_whole_amount_short()
    {
        var s = BurnRateCalculator.Calculate(Yearly(2025, 365_000m), new Dictionary<DateOnly, decimal>(), D(2025, 6, 30));

        (s.Consumed, s.Rate7, s.Rate30, s.PaceRatio, s.BurnRatio).Should().Be((0m, 0m, 0m, 0m, 0m));
        s.ForecastP50.Should().Be(0m);
        s.ProjectedShortfall.Should().Be(365_000m);
        s.Status.Should().Be(BurnStatus.AtRisk);
    }

    [Fact]
    public void Negative_credits_and_refunds_reduce_consumption()
    {
        var spend = Constant(D(2025, 1, 1), D(2025, 1, 10), 1_000m);
        spend[D(2025, 1, 5)] = -2_500m;
        spend[D(2025, 1, 8)] = 400m;

        var s = BurnRateCalculator.Calculate(Yearly(2025, 365_000m), spend, D(2025, 1, 10));

        s.Consumed.Should().Be(8 * 1_000m - 2_500m + 400m);
        s.Rate7.Should().Be((1_000m * 5 - 2_500m + 400m) / 7);
        s.Rate30.Should().Be(s.Consumed / 30, "days before the first data count as zero");
    }
}
