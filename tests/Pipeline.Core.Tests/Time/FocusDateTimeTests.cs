using Pipeline.Core.Time;

namespace Pipeline.Core.Tests.Time;

public class FocusDateTimeTests
{
    [Theory]
    [InlineData("2024-01-31T05:06:07Z", "2024-01-31T05:06:07")]
    [InlineData("2024-01-31 05:06:07", "2024-01-31T05:06:07")]
    [InlineData("2024-01-31T05:06:07", "2024-01-31T05:06:07")]
    [InlineData("2024-01-31T05:06:07.1234567Z", "2024-01-31T05:06:07")]
    [InlineData("2024-01-31", "2024-01-31T00:00:00")]
    [InlineData("2024-01-31T23:00:00-08:00", "2024-02-01T07:00:00")]
    [InlineData("2024-01-31T01:00:00+05:30", "2024-01-30T19:30:00")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00")]
    public void Parses_the_spellings_real_exports_use_to_utc(string text, string expectedUtc)
    {
        FocusDateTime.TryParse(text, out var utc).Should().BeTrue();
        utc.Should().Be(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
        utc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("5/1/25")]
    [InlineData("2023-02-30T00:00:00Z")]
    [InlineData("2023-02-01T30:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Rejects_ambiguous_or_impossible_dates(string text) => FocusDateTime.TryParse(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-01-01", "2024-02-01")]
    [InlineData("2024-01-01T00:00:00-08:00", "2024-01-31T23:59:59-08:00", "2024-01-01", "2024-02-01")]
    [InlineData("2024-01-01", "2024-01-31", "2024-01-01", "2024-02-01")]
    [InlineData("2024-02-01 00:00:00", "2024-02-29 23:59:59", "2024-02-01", "2024-03-01")]
    public void Billing_periods_normalize_to_calendar_day_bounds(string start, string end, string expectedStart, string expectedEnd)
    {
        FocusDateTime.TryParse(start, out var s).Should().BeTrue();
        FocusDateTime.TryParse(end, out var e).Should().BeTrue();
        var normalizedStart = BillingPeriod.NormalizeStart(s);
        normalizedStart.Should().Be(DateOnly.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture));
        BillingPeriod.NormalizeEnd(e, normalizedStart).Should().Be(DateOnly.Parse(expectedEnd, System.Globalization.CultureInfo.InvariantCulture));
    }
}
