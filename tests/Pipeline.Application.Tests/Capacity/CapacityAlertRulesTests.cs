using Pipeline.Application.Capacity;
using Pipeline.Core.Alerts;
using Pipeline.Core.Capacity;

namespace Pipeline.Application.Tests.Capacity;

public class CapacityAlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private static CapacityRecord Record(CapacityKind kind, decimal limit, decimal used, string family = "standardNDSH100v5Family", DateTimeOffset? end = null, DateTimeOffset? at = null) =>
        new CapacityNormalizer(AcceleratorCatalog.Default).Normalize(
            new CapacityObservation("Microsoft", "s", "eastus2", kind, family, limit, used, kind == CapacityKind.Quota ? null : "cr-1", End: end), at ?? Now);

    [Theory]
    [InlineData(3072, 2764, false)]
    [InlineData(3072, 2765, true)]
    [InlineData(3072, 3072, true)]
    public void Quota_utilization_alerts_from_the_threshold_on(int limit, int used, bool alerts)
    {
        var condition = QuotaUtilizationRule.Condition(Record(CapacityKind.Quota, limit, used), 0.9m);

        (condition is not null).Should().Be(alerts);
        if (condition is not null)
        {
            condition.Title.Should().StartWith("[GPU QUOTA] Microsoft eastus2 standardNDSH100v5Family:");
        }
    }

    [Theory]
    [InlineData(8, null, null)]
    [InlineData(8, 8, null)]
    [InlineData(8, 9, null)]
    [InlineData(8, 6, AlertSeverity.Warning)]
    [InlineData(8, 0, AlertSeverity.Critical)]
    public void A_reservation_granted_below_what_was_reserved_alerts(int reserved, int? granted, AlertSeverity? severity)
    {
        var record = new CapacityNormalizer(AcceleratorCatalog.Default).Normalize(
            new CapacityObservation("Microsoft", "s", "eastus2", CapacityKind.Reservation, "Standard_ND96isr_H100_v5", reserved, 2, "cr-1", Granted: granted), Now);

        var condition = ReservationShortRule.Condition(record);

        condition?.Severity.Should().Be(severity);
        if (severity is not null)
        {
            condition!.Title.Should().Be($"[GPU RESERVATION SHORT] Microsoft eastus2 Standard_ND96isr_H100_v5 cr-1: {granted} of 8 reserved instances granted");
            condition.Summary.Should().Contain($"({(8 - granted) * 8} H100 GPUs short)");
        }
        else
        {
            condition.Should().BeNull();
        }
    }

    [Fact]
    public void A_quota_is_never_short()
    {
        ReservationShortRule.Condition(Record(CapacityKind.Quota, 3072, 100) with { Granted = 0 }).Should().BeNull();
    }

    [Fact]
    public void Idle_reserved_capacity_needs_every_day_of_the_window_under_the_threshold()
    {
        var current = Record(CapacityKind.Reservation, 8, 2, "Standard_ND96isr_H100_v5");
        var idleDays = Enumerable.Range(1, 3).Select(d => Record(CapacityKind.Reservation, 8, 3, "Standard_ND96isr_H100_v5", at: Now.AddDays(-d))).ToList();

        IdleReservationRule.Condition(current, idleDays, 0.5m, 3).Should().NotBeNull();
        IdleReservationRule.Condition(current, idleDays.Take(2).ToList(), 0.5m, 3).Should().BeNull("only two days of history");
        IdleReservationRule.Condition(current, [.. idleDays.Take(2), Record(CapacityKind.Reservation, 8, 4, "Standard_ND96isr_H100_v5", at: Now.AddDays(-3))], 0.5m, 3)
            .Should().BeNull("one day was at 50%");
    }

    [Theory]
    [InlineData(14, true)]
    [InlineData(15, false)]
    [InlineData(-1, false)]
    public void A_reservation_ending_within_the_window_alerts(int daysLeft, bool alerts) =>
        (CapacityEndingRule.Condition(Record(CapacityKind.CapacityBlock, 8, 8, "Standard_ND96isr_H100_v5", Now.AddDays(daysLeft)), Now, 14) is not null).Should().Be(alerts);

    [Fact]
    public void A_block_ending_in_three_days_is_critical() =>
        CapacityEndingRule.Condition(Record(CapacityKind.CapacityBlock, 8, 8, "Standard_ND96isr_H100_v5", Now.AddDays(3)), Now, 14)!.Severity.Should().Be(Pipeline.Core.Alerts.AlertSeverity.Critical);
}
