using Microsoft.Extensions.Configuration;
using Pipeline.Application.Options;

namespace Pipeline.Functions.Tests;

public class ScheduleValidationTests
{
    private static readonly (string, string)[] Valid =
        [("FOCUS_EXPORTS_SCHEDULE", "0 30 6 * * *"), ("WATCHDOG_SCHEDULE", "0 5 * * * *"), ("COMMITMENTS_SYNC_SCHEDULE", "0 */15 * * * *"),
         ("COSTS_AWS_SCHEDULE", "0 0 7 * * *"), ("CAPACITY_AWS_SCHEDULE", "0 20 * * * *"),
         ("COSTS_AZURE_SCHEDULE", "0 10 7 * * *"), ("CAPACITY_AZURE_SCHEDULE", "0 25 * * * *"),
         ("COSTS_GCP_SCHEDULE", "0 20 7 * * *"), ("CAPACITY_GCP_SCHEDULE", "0 30 * * * *"),
         ("COSTS_OCI_SCHEDULE", "0 30 7 * * *"), ("CAPACITY_OCI_SCHEDULE", "0 35 * * * *")];

    [Fact]
    public void Valid_ncrontab_schedules_pass() => ScheduleSettings.Validate(Config(Valid)).Should().BeEmpty();

    [Fact]
    public void A_missing_schedule_is_named() =>
        ScheduleSettings.Validate(Config(Valid.Skip(1).ToArray())).Should().ContainSingle().Which.Should().Contain("FOCUS_EXPORTS_SCHEDULE is missing");

    [Theory]
    [InlineData("every day")]
    [InlineData("0 6 * * *")]
    public void A_bad_schedule_is_named_with_its_value(string schedule) =>
        ScheduleSettings.Validate(Config([.. Valid.Where(v => v.Item1 != "COMMITMENTS_SYNC_SCHEDULE"), ("COMMITMENTS_SYNC_SCHEDULE", schedule)])).Should().ContainSingle()
            .Which.Should().Contain($"COMMITMENTS_SYNC_SCHEDULE = '{schedule}'");

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
