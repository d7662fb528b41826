using Pipeline.Application.Notifications;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Notifications;

/// <summary>SendAlert's logic against a real SMTP server (maildev started by ./test.sh).</summary>
public class SmtpNotificationTests
{
    private static Microsoft.Extensions.Hosting.IHost SmtpHost() => Evaluation.EvaluationFixture.Host(new Dictionary<string, string?>
    {
        ["Email:Mode"] = "Smtp",
        ["Email:From"] = "alerts@pipeline.test",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = TestSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:UseStartTls"] = "false",
    });

    [Fact]
    public async Task Delivering_the_same_notification_twice_sends_one_email()
    {
        using var host = SmtpHost();
        var marker = "Twice-" + Guid.NewGuid().ToString("n")[..8];
        var request = await NotificationScenario.ArrangeAsync(host, marker);

        var first = await NotificationScenario.DeliverAsync(host, request, "delivery-1");
        var second = await NotificationScenario.DeliverAsync(host, request, "delivery-2");

        (first, second).Should().Be((NotificationOutcome.Sent, NotificationOutcome.AlreadySent));
        (await TestSmtp.MessagesAsync(marker)).Should().ContainSingle();
    }

    [Fact]
    public async Task Concurrent_deliveries_of_the_same_notification_send_one_email()
    {
        using var host = SmtpHost();
        var marker = "Concurrent-" + Guid.NewGuid().ToString("n")[..8];
        var request = await NotificationScenario.ArrangeAsync(host, marker);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => NotificationScenario.DeliverAsync(host, request, $"delivery-{i}"))));

        outcomes.Count(o => o == NotificationOutcome.Sent).Should().Be(1);
        outcomes.Should().OnlyContain(o => o == NotificationOutcome.Sent || o == NotificationOutcome.AlreadySent);
        (await TestSmtp.MessagesAsync(marker)).Should().ContainSingle();
    }

    [Fact]
    public async Task Html_in_a_commitment_name_is_escaped_and_the_chart_is_inline()
    {
        using var host = SmtpHost();
        var marker = "Inject-" + Guid.NewGuid().ToString("n")[..8];
        var request = await NotificationScenario.ArrangeAsync(host, $"<script>alert('x')</script> {marker} & Co");

        await NotificationScenario.DeliverAsync(host, request, "delivery-1");

        var message = (await TestSmtp.MessagesAsync(marker)).Single();
        var html = message.GetProperty("html").GetString()!;
        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").And.Contain("&amp; Co");
        message.GetProperty("subject").GetString().Should().StartWith("[AT RISK] <script>alert('x')</script>");
        message.GetProperty("text").GetString().Should().Contain("Projected shortfall: $365,000.00");
        message.GetProperty("attachments").EnumerateArray().Should().Contain(a =>
            a.GetProperty("contentType").GetString() == "image/png" && a.GetProperty("contentId").GetString() == "alert-chart");
    }
}
