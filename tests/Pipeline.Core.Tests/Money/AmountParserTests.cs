using Pipeline.Core.Money;

namespace Pipeline.Core.Tests.Money;

public class AmountParserTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("12.5", "12.5")]
    [InlineData("-0.000001", "-0.000001")]
    [InlineData("+42", "42")]
    [InlineData("1.5E-3", "0.0015")]
    [InlineData("2e6", "2000000")]
    [InlineData(" 7.25 ", "7.25")]
    [InlineData("0.1234567890123456789012345678", "0.1234567890123456789012345678")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Parses_plain_and_scientific_notation_exactly(string text, string expected)
    {
        AmountParser.TryParse(text, out var value).Should().BeTrue();
        value.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("$10,000.00")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    [InlineData("99999999999999999999999999999999")]
    public void Rejects_text_that_is_not_a_plain_decimal(string text)
    {
        AmountParser.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Sum_of_parsed_cents_is_exact_where_double_drifts()
    {
        var total = 0m;
        for (var i = 0; i < 10; i++)
        {
            AmountParser.TryParse("0.1", out var tenth).Should().BeTrue();
            total += tenth;
        }

        total.Should().Be(1.0m);
    }
}
