using Pipeline.Core.Costs;

namespace Pipeline.Core.Tests.Costs;

public class FocusValuesTests
{
    [Theory]
    [InlineData("usage", "Usage")]
    [InlineData("CREDIT", "Credit")]
    [InlineData(" Tax ", "Tax")]
    public void Charge_categories_are_canonicalized(string raw, string expected) => FocusValues.ChargeCategory(raw).Should().Be(expected);

    [Fact]
    public void An_unknown_charge_category_is_null() => FocusValues.ChargeCategory("Refund").Should().BeNull();

    [Theory]
    [InlineData("On-Demand", "Standard")]
    [InlineData("Commitment-Based", "Committed")]
    [InlineData("dynamic", "Dynamic")]
    public void Pricing_categories_of_focus_1_0_map_to_1_2(string raw, string expected) => FocusValues.PricingCategory(raw).Should().Be(expected);

    [Fact]
    public void Unknown_service_categories_are_kept_as_written() => FocusValues.ServiceCategory("Quantum Stuff").Should().Be("Quantum Stuff");
}
