using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Application.Notifications;
using Pipeline.Notifications.Email;
using Pipeline.Storage.Alerts;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Notifications;

/// <summary>
/// Exactly one email per transition when sends are slow, hang or fail, with a fake clock: a send is bounded well inside
/// the claim, a failed send gives its claim back, and mark-sent never clears another delivery's claim.
/// </summary>
public class ExactlyOnceFaultTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Now);
    private readonly ScriptedSender _sender;

    public ExactlyOnceFaultTests() => _sender = new ScriptedSender(_time);

    private Microsoft.Extensions.Hosting.IHost Host() =>
        Evaluation.EvaluationFixture.Host(time: _time, services: s => s.AddSingleton<IEmailSender>(_sender));

    [Fact]
    public async Task A_send_that_would_outlive_its_claim_is_cut_off_so_a_later_delivery_sends_the_only_email()
    {
        using var host = Host();
        var request = await NotificationScenario.ArrangeAsync(host, "Slow-" + Guid.NewGuid().ToString("n")[..8]);
        var notifier = host.Services.GetRequiredService<AlertNotifier>();
        _sender.NextTakes(TimeSpan.FromSeconds(120));

        var first = notifier.NotifyAsync(request, "delivery-a");
        await _sender.Started.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(AlertNotifier.SendTimeout + TimeSpan.FromSeconds(1));
        var firstFailure = await Record(first.WaitAsync(TimeSpan.FromSeconds(10)));
        _time.Advance(AlertNotifier.ClaimLease - AlertNotifier.SendTimeout);
        var second = await notifier.NotifyAsync(request, "delivery-b");
        _time.Advance(TimeSpan.FromSeconds(60));

        firstFailure.Should().BeOfType<TimeoutException>().Which.Message.Should().Contain("not sent within 60 s");
        second.Should().Be(NotificationOutcome.Sent);
        _sender.Delivered.Should().ContainSingle("the slow send was abandoned before the claim could lapse");
        (await notifier.NotifyAsync(request, "delivery-c")).Should().Be(NotificationOutcome.AlreadySent);
    }

    [Fact]
    public async Task A_failed_send_gives_its_claim_back_so_the_next_attempt_sends_at_once()
    {
        using var host = Host();
        var request = await NotificationScenario.ArrangeAsync(host, "Fails-" + Guid.NewGuid().ToString("n")[..8]);
        var notifier = host.Services.GetRequiredService<AlertNotifier>();
        _sender.NextFails(new IOException("451 4.3.0 relay temporarily unavailable"));

        var failure = await Record(notifier.NotifyAsync(request, "delivery-a"));
        var retry = await notifier.NotifyAsync(request, "delivery-b");

        failure.Should().BeOfType<IOException>();
        retry.Should().Be(NotificationOutcome.Sent, "the failed delivery released its claim instead of blocking the queue's retries");
        _sender.Delivered.Should().ContainSingle();
        var state = await host.Services.GetRequiredService<AlertStore>().GetAsync(request.Rule, request.SubjectKey);
        (state!.SentTransitionId, state.ClaimId).Should().Be((request.TransitionId, null));
    }

    [Fact]
    public async Task A_send_inside_its_claim_holds_off_a_concurrent_delivery_which_then_finds_it_sent()
    {
        using var host = Host();
        var request = await NotificationScenario.ArrangeAsync(host, "Held-" + Guid.NewGuid().ToString("n")[..8]);
        var notifier = host.Services.GetRequiredService<AlertNotifier>();
        _sender.NextTakes(TimeSpan.FromSeconds(30));

        var first = notifier.NotifyAsync(request, "delivery-a");
        await _sender.Started.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(20));
        var during = await Record(notifier.NotifyAsync(request, "delivery-b"));
        _time.Advance(TimeSpan.FromSeconds(10));
        var firstOutcome = await first.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await notifier.NotifyAsync(request, "delivery-b");

        during.Should().BeOfType<AlertSendInProgressException>();
        (firstOutcome, after).Should().Be((NotificationOutcome.Sent, NotificationOutcome.AlreadySent));
        _sender.Delivered.Should().ContainSingle();
    }

    [Fact]
    public async Task An_unusable_owner_address_in_stored_data_skips_that_recipient_not_the_email()
    {
        using var host = Host();
        var request = await NotificationScenario.ArrangeAsync(host, "Owners-" + Guid.NewGuid().ToString("n")[..8]);
        var alerts = host.Services.GetRequiredService<AlertStore>();
        var state = await alerts.GetAsync(request.Rule, request.SubjectKey);
        (await alerts.TryWriteAsync(state! with { Condition = state.Condition with { Recipients = ["finops,team@example.com", "a:b@c.d", "owner@example.com"] } })).Should().BeTrue();

        var outcome = await host.Services.GetRequiredService<AlertNotifier>().NotifyAsync(request, "delivery-a");

        outcome.Should().Be(NotificationOutcome.Sent);
        _sender.Delivered.Should().ContainSingle().Which.To.Should().Equal("owner@example.com");
    }

    private static async Task<Exception?> Record<T>(Task<T> task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>An email sender whose next send takes a while on the fake clock, or fails; later sends are instant.</summary>
    private sealed class ScriptedSender(TimeProvider time) : IEmailSender
    {
        private readonly List<EmailMessage> _delivered = [];
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TimeSpan _nextDuration;
        private Exception? _nextFailure;

        public Task Started => _started.Task;

        public IReadOnlyList<EmailMessage> Delivered
        {
            get
            {
                lock (_delivered)
                {
                    return [.. _delivered];
                }
            }
        }

        public void NextTakes(TimeSpan duration) => _nextDuration = duration;

        public void NextFails(Exception failure) => _nextFailure = failure;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            var (duration, failure) = (_nextDuration, _nextFailure);
            (_nextDuration, _nextFailure) = (TimeSpan.Zero, null);
            _started.TrySetResult();
            if (failure is not null)
            {
                throw failure;
            }

            if (duration > TimeSpan.Zero)
            {
                await Task.Delay(duration, time, cancellationToken);
            }

            lock (_delivered)
            {
                _delivered.Add(message);
            }
        }
    }
}
