using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application.Evaluation;
using Pipeline.Application.Notifications;
using Pipeline.Application.Tests.Evaluation;
using Pipeline.Core.Alerts;
using Pipeline.Storage.Queues;

namespace Pipeline.Application.Tests.Notifications;

/// <summary>An at-risk commitment evaluated once: one alert, one pending notification message.</summary>
internal static class NotificationScenario
{
    public static async Task<NotificationRequest> ArrangeAsync(IHost host, string commitmentName)
    {
        var asOf = new DateOnly(2025, 3, 31);
        await EvaluationFixture.SeedDailyCostsAsync(host, "AWS", "123", new DateOnly(2025, 1, 1), asOf, 1_000m, service: "<b>EC2</b> & \"friends\"");
        await EvaluationFixture.ImportAsync(host, "edp", commitmentName, "AWS", "2025-01-01", "2026-01-01", 730_000m);
        await host.Services.GetRequiredService<CommitmentEvaluationJob>().RunAsync(null, asOf);
        return (await host.Services.GetRequiredService<NotificationQueue>().ReceiveAsync(32)).Single().Request;
    }

    public static async Task<NotificationOutcome> DeliverAsync(IHost host, NotificationRequest request, string deliveryId)
    {
        // What the queue does with a message whose send is in progress elsewhere: retry it a little later.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await host.Services.GetRequiredService<AlertNotifier>().NotifyAsync(request, $"{deliveryId}-{attempt}");
            }
            catch (AlertSendInProgressException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }
}
