using Pipeline.Core.Costs;
using Pipeline.Storage.Costs;

namespace Pipeline.Storage.Tests.Costs;

public class CostEntityMapperTests
{
    [Fact]
    public void Amounts_round_trip_exactly_through_the_decimal_twin_and_are_also_doubles_for_bi()
    {
        var row = CostRows.Row(new DateOnly(2025, 3, 1), 1234567890.1234567890123456789m) with { ListCost = -0.000000001m, ContractedCost = null };

        var entity = CostEntityMapper.ToEntity(row, "run", DateTimeOffset.UnixEpoch);
        var back = CostEntityMapper.FromEntity(entity);

        back.BilledCost.Should().Be(1234567890.1234567890123456789m);
        back.ListCost.Should().Be(-0.000000001m);
        back.ContractedCost.Should().BeNull();
        entity.GetDouble("BilledCost").Should().BeApproximately(1234567890.1234567, 1e-6);
        entity.GetString("x_BilledCostDecimal").Should().Be("1234567890.1234567890123456789");
        back.Should().BeEquivalentTo(row);
    }

    [Fact]
    public void Keys_follow_the_documented_shape_with_escaped_values()
    {
        var entity = CostEntityMapper.ToEntity(CostRows.Row(new DateOnly(2025, 3, 9), 1m, account: "a/b|c"), "run", DateTimeOffset.UnixEpoch);

        entity.PartitionKey.Should().Be("Microsoft|a%2Fb%7Cc|202503");
        entity.RowKey.Should().MatchRegex("^20250309\\|[0-9a-f]{20}$");
    }

    [Fact]
    public void The_row_key_depends_on_dimensions_not_on_amounts()
    {
        var day = new DateOnly(2025, 3, 9);
        var a = CostEntityMapper.RowKey(CostRows.Row(day, 1m));

        CostEntityMapper.RowKey(CostRows.Row(day, 2m)).Should().Be(a);
        CostEntityMapper.RowKey(CostRows.Row(day, 1m, service: "Storage")).Should().NotBe(a);
        CostEntityMapper.RowKey(CostRows.Row(day, 1m) with { ChargeClass = "Correction" }).Should().NotBe(a);
        CostEntityMapper.RowKey(CostRows.Row(day, 1m, source: "aws-cost-explorer")).Should().NotBe(a);
    }

    [Fact]
    public void The_content_hash_changes_with_any_stored_value()
    {
        var row = CostRows.Row(new DateOnly(2025, 3, 9), 1m);
        var hash = CostEntityMapper.ContentHash(row);

        CostEntityMapper.ContentHash(row with { BilledCost = 1.0000001m }).Should().NotBe(hash);
        CostEntityMapper.ContentHash(row with { RegionName = "East US" }).Should().NotBe(hash);
        CostEntityMapper.ContentHash(row with { }).Should().Be(hash);
    }
}
