using System.Globalization;

namespace Pipeline.Testing;

/// <summary>
/// "Now" for every test that depends on today. Pinned, never the wall clock: <c>PIPELINE_TEST_NOW</c> (an ISO 8601 UTC
/// instant or date) when set, else <see cref="Default"/>. <c>./test.sh</c> re-runs the <see cref="Category"/> tests
/// with each of <see cref="BoundaryDates"/>, so a test that only passes on some days of the month fails in CI.
/// </summary>
public static class TestClock
{
    /// <summary>The trait of tests whose inputs move with "today" (<c>[Trait(TestClock.Trait, TestClock.Category)]</c>).</summary>
    public const string Trait = "Category";

    public const string Category = "Calendar";

    /// <summary>
    /// The trait value of test classes that never look at "today" (fault matrices, template checks): the calendar
    /// re-runs of <c>./test.sh</c> skip them, so their cost is paid once.
    /// </summary>
    public const string Independent = "ClockIndependent";

    /// <summary>A mid-month weekday: neither a month boundary nor the invoice-close days.</summary>
    public static readonly DateTimeOffset Default = new(2026, 6, 17, 6, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The days on which trailing windows change shape: the 1st, the 5th (last day the previous month is restated),
    /// the 6th, the last day of a month, 1 January (previous year), 29 February. Kept in step with <c>test.sh</c>.
    /// </summary>
    public static readonly IReadOnlyList<DateOnly> BoundaryDates =
    [
        new(2026, 12, 1), new(2026, 12, 5), new(2026, 12, 6), new(2026, 11, 30), new(2027, 1, 1), new(2028, 2, 29),
    ];

    public static DateTimeOffset Now { get; } = Read();

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary><see cref="BoundaryDates"/> as xunit theory data.</summary>
    public static TheoryData<string> BoundaryDateData => new(BoundaryDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>06:00 UTC on <paramref name="day"/>, the hour the daily timers run.</summary>
    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);

    public static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Read()
    {
        var text = Environment.GetEnvironmentVariable("PIPELINE_TEST_NOW");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return At(day);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new InvalidOperationException($"PIPELINE_TEST_NOW '{text}' is not an ISO 8601 date or UTC instant.");
    }
}
