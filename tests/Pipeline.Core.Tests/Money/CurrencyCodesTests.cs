using Pipeline.Core.Money;

namespace Pipeline.Core.Tests.Money;

public class CurrencyCodesTests
{
    [Theory]
    [InlineData("USD", "USD")]
    [InlineData("usd", "USD")]
    [InlineData("Eur", "EUR")]
    [InlineData("JPY", "JPY")]
    public void Known_codes_normalize_to_upper_case(string code, string expected) =>
        CurrencyCodes.Normalize(code).Should().Be(expected);

    [Theory]
    [InlineData("XYZ")]
    [InlineData("US")]
    [InlineData("USDT")]
    [InlineData("$")]
    [InlineData("")]
    public void Unknown_codes_are_rejected(string code) => CurrencyCodes.Normalize(code).Should().BeNull();

    [Fact]
    public void The_embedded_list_is_the_full_iso_4217_list() => CurrencyCodes.All.Count.Should().BeGreaterThan(150);
}
