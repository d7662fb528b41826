using Microsoft.Extensions.Time.Testing;
using Pipeline.Connectors.Common;

namespace Pipeline.Application.Tests.Ingestion;

public class TrailingWindowTests
{
    [Theory]
    [InlineData("2026-11-27", 35, "2026-10-23")]
    [InlineData("2026-11-05", 3, "2026-10-01")]
    [InlineData("2026-11-06", 3, "2026-11-03")]
    [InlineData("2026-11-03", 60, "2026-09-04")]
    [InlineData("2026-12-01", 3, "2026-11-01")]
    [InlineData("2026-11-30", 3, "2026-11-27")]
    [InlineData("2027-01-01", 3, "2026-12-01")]
    [InlineData("2027-01-05", 3, "2026-12-01")]
    [InlineData("2028-02-29", 3, "2028-02-26")]
    [InlineData("2028-03-01", 3, "2028-02-01")]
    [InlineData("2028-03-05", 35, "2028-01-30")]
    public void The_window_reaches_back_to_the_previous_month_until_the_fifth(string today, int days, string from)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(today + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        TrailingWindow.UntilInvoiceClose(time, days).Should().Be((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
