using Microsoft.Extensions.Configuration;
using Pipeline.Application.Options;

namespace Pipeline.Functions.Tests;

public class ScheduleValidationTests
{
    [Fact]
    public void A_valid_ncrontab_schedule_passes() =>
        ScheduleSettings.Validate(Config(("FOCUS_EXPORTS_SCHEDULE", "0 30 6 * * *"))).Should().BeEmpty();

    [Fact]
    public void A_missing_schedule_is_named() =>
        ScheduleSettings.Validate(Config()).Should().ContainSingle().Which.Should().Contain("FOCUS_EXPORTS_SCHEDULE is missing");

    [Theory]
    [InlineData("every day")]
    [InlineData("0 6 * * *")]
    public void A_bad_schedule_is_named_with_its_value(string schedule) =>
        ScheduleSettings.Validate(Config(("FOCUS_EXPORTS_SCHEDULE", schedule))).Should().ContainSingle()
            .Which.Should().Contain($"FOCUS_EXPORTS_SCHEDULE = '{schedule}'");

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
