using Pipeline.Core.Costs;

namespace Pipeline.Core.Tests.Costs;

public class DailyCostAggregatorTests
{
    [Fact]
    public void Hourly_rows_of_one_dimension_set_become_one_daily_row_with_the_exact_sum()
    {
        var aggregator = new DailyCostAggregator();
        for (var hour = 0; hour < 24; hour++)
        {
            aggregator.Add(CostRowBuilder.Row(billed: 0.1m) with { ListCost = 0.2m });
        }

        var rows = aggregator.ToRows("src", "export");

        rows.Should().ContainSingle();
        rows[0].BilledCost.Should().Be(2.4m);
        rows[0].ListCost.Should().Be(4.8m);
        rows[0].SourceRowCount.Should().Be(24);
        rows[0].Source.Should().Be("src");
    }

    [Fact]
    public void Different_days_services_or_accounts_stay_separate()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.Add(CostRowBuilder.Row(day: "2025-03-10"));
        aggregator.Add(CostRowBuilder.Row(day: "2025-03-11"));
        aggregator.Add(CostRowBuilder.Row(service: "Vertex AI"));
        aggregator.Add(CostRowBuilder.Row(account: "acct-2"));

        aggregator.ToRows("s", "export").Should().HaveCount(4);
    }

    [Fact]
    public void List_cost_is_unknown_when_any_contributing_row_lacks_it()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.Add(CostRowBuilder.Row() with { ListCost = 5m });
        aggregator.Add(CostRowBuilder.Row() with { ListCost = null });

        aggregator.ToRows("s", "export").Single().ListCost.Should().BeNull();
    }

    [Fact]
    public void Names_are_attributes_so_a_renamed_account_does_not_split_the_row()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.Add(CostRowBuilder.Row() with { BillingAccountName = "Old name" });
        aggregator.Add(CostRowBuilder.Row() with { BillingAccountName = "New name" });

        var row = aggregator.ToRows("s", "export").Single();
        row.BillingAccountName.Should().Be("New name");
        row.BilledCost.Should().Be(20m);
    }

    [Fact]
    public void Credits_and_refunds_subtract()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.Add(CostRowBuilder.Row(billed: 100m));
        aggregator.Add(CostRowBuilder.Row(billed: -100.01m));

        aggregator.ToRows("s", "export").Single().BilledCost.Should().Be(-0.01m);
    }

    [Fact]
    public void A_total_beyond_decimal_range_throws_and_leaves_the_group_as_it_was()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.Add(CostRowBuilder.Row(billed: decimal.MaxValue));

        var act = () => aggregator.Add(CostRowBuilder.Row(billed: decimal.MaxValue));

        act.Should().Throw<OverflowException>();
        aggregator.ToRows("s", "export").Single().BilledCost.Should().Be(decimal.MaxValue);
    }
}
