using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Alerts;
using Pipeline.Core.Alerts;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Queues;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Notifications;

/// <summary>What <c>./run.sh alerts ack|snooze</c> do, against Azurite.</summary>
public class AlertActionsTests
{
    private static AlertCondition Condition(AlertSeverity severity, string fingerprint = "f") => new()
    {
        Rule = "commitment-burn", SubjectKey = "c/1#x", Severity = severity, Title = "[AT RISK] C", Summary = "s", Fingerprint = fingerprint,
    };

    [Fact]
    public async Task An_acknowledged_alert_is_quiet_until_it_escalates()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var alerts = host.Services.GetRequiredService<AlertService>();
        (await alerts.ApplyAsync("commitment-burn", ["c/1#x"], [Condition(AlertSeverity.Warning)])).Should().Be(1);

        await alerts.AcknowledgeAsync("commitment-burn", "c/1#x");

        (await host.Services.GetRequiredService<AlertStore>().GetAsync("commitment-burn", "c/1#x"))!.Status.Should().Be(AlertStatus.Acknowledged);
        (await alerts.ApplyAsync("commitment-burn", ["c/1#x"], [Condition(AlertSeverity.Warning, "changed")])).Should().Be(0);
        (await alerts.ApplyAsync("commitment-burn", ["c/1#x"], [Condition(AlertSeverity.Critical)])).Should().Be(1);
    }

    [Fact]
    public async Task Snoozing_an_unknown_or_resolved_alert_is_refused_with_a_reason()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var alerts = host.Services.GetRequiredService<AlertService>();

        await alerts.Invoking(a => a.SnoozeAsync("commitment-burn", "nope", TestClock.Now.AddDays(3))).Should().ThrowAsync<KeyNotFoundException>();
        await alerts.ApplyAsync("commitment-burn", ["c/1#x"], [Condition(AlertSeverity.Warning)]);
        await alerts.ApplyAsync("commitment-burn", ["c/1#x"], []);
        await alerts.Invoking(a => a.SnoozeAsync("commitment-burn", "c/1#x", TestClock.Now.AddDays(3))).Should().ThrowAsync<InvalidOperationException>().WithMessage("*resolved*");
        (await host.Services.GetRequiredService<NotificationQueue>().ReceiveAsync(32)).Should().HaveCount(2, "opened and resolved");
    }
}
