using Pipeline.Core.Ingestion;
using Pipeline.Core.Tests.Costs;

namespace Pipeline.Core.Tests.Ingestion;

public class ReplacementScopesTests
{
    [Fact]
    public void One_scope_per_billing_period_covers_the_whole_period()
    {
        var rows = new[] { CostRowBuilder.Row(day: "2025-03-10"), CostRowBuilder.Row(day: "2025-03-12") };

        var scope = ReplacementScopes.ForBillingPeriods(rows, "src").Single();

        scope.From.Should().Be(new DateOnly(2025, 3, 1));
        scope.To.Should().Be(new DateOnly(2025, 4, 1));
        scope.BillingPeriodStart.Should().Be(new DateOnly(2025, 3, 1));
    }

    [Fact]
    public void A_correction_charged_before_its_billing_period_extends_the_scope_back()
    {
        var rows = new[] { CostRowBuilder.Row(day: "2025-03-10"), CostRowBuilder.Row(day: "2025-02-27") };

        var scope = ReplacementScopes.ForBillingPeriods(rows, "src").Single();

        scope.From.Should().Be(new DateOnly(2025, 2, 27));
        scope.Contains(new DateOnly(2025, 2, 27), new DateOnly(2025, 3, 1)).Should().BeTrue();
        scope.Contains(new DateOnly(2025, 2, 27), new DateOnly(2025, 2, 1)).Should().BeFalse("February's own rows belong to February's export");
    }

    [Fact]
    public void Accounts_and_periods_get_separate_scopes()
    {
        var rows = new[]
        {
            CostRowBuilder.Row(account: "a"), CostRowBuilder.Row(account: "b"),
            CostRowBuilder.Row(day: "2025-04-02", period: "2025-04-01", account: "a"),
        };

        ReplacementScopes.ForBillingPeriods(rows, "src").Should().HaveCount(3);
    }
}
