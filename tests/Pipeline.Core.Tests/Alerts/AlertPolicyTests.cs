using Pipeline.Core.Alerts;

namespace Pipeline.Core.Tests.Alerts;

public class AlertPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly AlertPolicy _policy = new(TimeSpan.FromDays(7));

    private static AlertCondition Condition(AlertSeverity severity = AlertSeverity.Warning, string fingerprint = "AtRisk|0.06") => new()
    {
        Rule = "commitment-burn", SubjectKey = "c-1", Severity = severity, Title = "[AT RISK] C", Summary = "s", Fingerprint = fingerprint,
    };

    /// <summary>Simulates the sender: the pending transition was emailed at <paramref name="at"/>.</summary>
    private static AlertState Sent(AlertDecision decision, DateTimeOffset at) => decision.State with
    {
        SentTransitionId = decision.State.PendingTransitionId,
        LastNotifiedAt = at,
        LastNotifiedSeverity = decision.State.Condition.Severity,
        LastNotifiedFingerprint = decision.State.Condition.Fingerprint,
    };

    [Fact]
    public void A_new_condition_opens_an_alert_and_notifies()
    {
        var decision = _policy.Observe(null, Condition(), T0);

        decision.State.Status.Should().Be(AlertStatus.Open);
        decision.State.PendingTransition.Should().Be(AlertTransition.Opened);
        decision.EnqueueTransitionId.Should().NotBeNull().And.Be(decision.State.PendingTransitionId);
    }

    [Fact]
    public void The_same_content_again_does_not_notify()
    {
        var sent = Sent(_policy.Observe(null, Condition(), T0), T0);

        _policy.Observe(sent, Condition(), T0.AddDays(30)).EnqueueTransitionId.Should().BeNull();
    }

    [Fact]
    public void Changed_content_notifies_only_after_the_cooldown()
    {
        var sent = Sent(_policy.Observe(null, Condition(), T0), T0);

        _policy.Observe(sent, Condition(fingerprint: "AtRisk|0.08"), T0.AddDays(6)).EnqueueTransitionId.Should().BeNull();
        var later = _policy.Observe(sent, Condition(fingerprint: "AtRisk|0.08"), T0.AddDays(7));
        later.EnqueueTransitionId.Should().NotBeNull();
        later.State.PendingTransition.Should().Be(AlertTransition.Updated);
    }

    [Fact]
    public void Escalation_notifies_at_once_even_when_acknowledged()
    {
        var sent = Sent(_policy.Observe(null, Condition(), T0), T0) with { Status = AlertStatus.Acknowledged };

        var decision = _policy.Observe(sent, Condition(AlertSeverity.Critical), T0.AddHours(1));

        decision.EnqueueTransitionId.Should().NotBeNull();
        decision.State.PendingTransition.Should().Be(AlertTransition.Escalated);
        decision.State.Status.Should().Be(AlertStatus.Acknowledged);
    }

    [Fact]
    public void An_acknowledged_alert_is_not_renotified_for_changed_content()
    {
        var sent = Sent(_policy.Observe(null, Condition(), T0), T0) with { Status = AlertStatus.Acknowledged };

        _policy.Observe(sent, Condition(fingerprint: "other"), T0.AddDays(30)).EnqueueTransitionId.Should().BeNull();
    }

    [Fact]
    public void A_snoozed_alert_stays_quiet_until_the_snooze_ends()
    {
        var sent = Sent(_policy.Observe(null, Condition(), T0), T0) with { Status = AlertStatus.Snoozed, SnoozedUntil = T0.AddDays(10) };

        _policy.Observe(sent, Condition(AlertSeverity.Critical, "x"), T0.AddDays(9)).EnqueueTransitionId.Should().BeNull();
        var after = _policy.Observe(sent, Condition(AlertSeverity.Critical, "x"), T0.AddDays(11));
        after.EnqueueTransitionId.Should().NotBeNull();
        after.State.Status.Should().Be(AlertStatus.Open);
    }

    [Fact]
    public void Resolution_notifies_once_and_a_return_reopens()
    {
        var sent = Sent(_policy.Observe(null, Condition(), T0), T0);

        var resolved = _policy.Clear(sent, T0.AddDays(2));
        resolved.State.Status.Should().Be(AlertStatus.Resolved);
        resolved.State.PendingTransition.Should().Be(AlertTransition.Resolved);
        resolved.EnqueueTransitionId.Should().NotBeNull();
        var resolvedSent = Sent(resolved, T0.AddDays(2));
        _policy.Clear(resolvedSent, T0.AddDays(3)).EnqueueTransitionId.Should().BeNull();

        var back = _policy.Observe(resolvedSent, Condition(), T0.AddDays(4));
        back.State.PendingTransition.Should().Be(AlertTransition.Reopened);
        back.State.Status.Should().Be(AlertStatus.Open);
    }

    [Fact]
    public void An_unsent_transition_is_re_enqueued_with_the_same_id_only_when_it_looks_lost()
    {
        var opened = _policy.Observe(null, Condition(), T0);

        _policy.Observe(opened.State, Condition(), T0.AddMinutes(5)).EnqueueTransitionId.Should().BeNull();
        _policy.Observe(opened.State, Condition(), T0.AddMinutes(20)).EnqueueTransitionId.Should().Be(opened.EnqueueTransitionId);
    }
}
