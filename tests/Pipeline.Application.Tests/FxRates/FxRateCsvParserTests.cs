using Pipeline.Application.FxRates;
using Pipeline.Core.FxRates;
using Pipeline.Core.Ingestion;

namespace Pipeline.Application.Tests.FxRates;

public class FxRateCsvParserTests
{
    [Fact]
    public void Rates_parse_exactly_with_normalized_codes()
    {
        var rates = FxRateCsvParser.Parse("date,from,to,rate,source\r\n2025-01-31,eur,USD,1.0412345678,ECB\r\n\r\n", "rates.csv");

        rates.Should().Equal(new FxRate(new DateOnly(2025, 1, 31), "EUR", "USD", 1.0412345678m, "ECB"));
    }

    [Fact]
    public void Every_bad_line_is_reported_and_nothing_is_returned()
    {
        var act = () => FxRateCsvParser.Parse("date,from,to,rate,source\n2025-13-01,EUR,USD,1.1,x\n2025-01-01,EUR,ABC,1.1,x\n2025-01-01,EUR,USD,-2,x\n2025-01-01,EUR\n", "rates.csv");

        var errors = act.Should().Throw<InvalidSourceDataException>().Which.Errors.Samples.Select(e => e.ToString()).ToList();
        errors.Should().Equal(
            "rates.csv:2: column date: '2025-13-01' is not a yyyy-MM-dd date",
            "rates.csv:3: column to: 'ABC' is not an ISO 4217 currency code",
            "rates.csv:4: column rate: '-2' is not a positive number",
            "rates.csv:5: has 2 fields, expected 5");
    }

    [Fact]
    public void A_wrong_header_is_rejected() =>
        FluentActions.Invoking(() => FxRateCsvParser.Parse("day,from,to,rate\n", "r.csv")).Should().Throw<InvalidSourceDataException>()
            .Which.Errors.Samples.Single().Message.Should().Contain("date,from,to,rate,source");

    [Fact]
    public void The_book_uses_the_latest_rate_on_or_before_the_day_and_never_guesses()
    {
        var book = new FxRateBook([new FxRate(new DateOnly(2025, 1, 1), "EUR", "USD", 1.1m, "x"), new FxRate(new DateOnly(2025, 2, 1), "EUR", "USD", 1.2m, "x")]);

        book.TryConvert(10m, "EUR", "USD", new DateOnly(2025, 1, 31), out var january).Should().BeTrue();
        book.TryConvert(10m, "EUR", "USD", new DateOnly(2025, 2, 1), out var february).Should().BeTrue();
        (january, february).Should().Be((11m, 12m));
        book.TryConvert(10m, "EUR", "USD", new DateOnly(2024, 12, 31), out _).Should().BeFalse("no rate recorded yet");
        book.TryConvert(10m, "USD", "EUR", new DateOnly(2025, 3, 1), out _).Should().BeFalse("the inverse is not assumed");
    }
}
