using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Watchdog;
using Pipeline.Core.Alerts;
using Pipeline.Core.Runs;
using Pipeline.Storage;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Runs;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Watchdog;

public class WatchdogJobTests
{
    [Fact]
    public async Task A_source_without_a_recent_success_and_a_poisoned_queue_raise_alerts_that_resolve_when_healthy()
    {
        var prefix = TestStorage.NewPrefix();
        using var host = PipelineTestHost.Create(prefix, new Dictionary<string, string?> { ["Watchdog:MaxStalenessHours:aws-cost-explorer"] = "30" });
        var runs = host.Services.GetRequiredService<RunStore>();
        var now = TestClock.Now;
        await runs.RecordAsync(new RunRecord { RunId = "old", Source = "aws-cost-explorer", Status = RunStatus.Succeeded, StartedAt = now.AddHours(-40), FinishedAt = now.AddHours(-40) });
        await runs.RecordAsync(new RunRecord { RunId = "bad", Source = "aws-cost-explorer", Status = RunStatus.Failed, StartedAt = now.AddHours(-1), FinishedAt = now.AddHours(-1), Error = "throttled" });
        var poison = host.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient($"{prefix}notifications-poison");
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync("broken");
        var job = host.Services.GetRequiredService<WatchdogJob>();

        (await job.RunAsync()).Should().Be(2);

        var store = host.Services.GetRequiredService<AlertStore>();
        (await store.GetAsync(WatchdogJob.StaleRule, "aws-cost-explorer"))!.Condition.Title.Should().Be("[STALE DATA] aws-cost-explorer: no successful run for over 30 hours");
        (await store.GetAsync(WatchdogJob.PoisonRule, "notifications"))!.Severity.Should().Be(AlertSeverity.Critical);

        await runs.RecordAsync(new RunRecord { RunId = "new", Source = "aws-cost-explorer", Status = RunStatus.Succeeded, StartedAt = now, FinishedAt = now });
        await poison.ClearMessagesAsync();
        await job.RunAsync();

        (await store.GetAsync(WatchdogJob.StaleRule, "aws-cost-explorer"))!.Status.Should().Be(AlertStatus.Resolved);
        (await store.GetAsync(WatchdogJob.PoisonRule, "notifications"))!.Status.Should().Be(AlertStatus.Resolved);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("NaN")]
    [InlineData("100000")]
    public void A_staleness_limit_that_is_no_number_of_hours_stops_the_start_naming_the_setting(string hours)
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix(), new Dictionary<string, string?> { ["Watchdog:MaxStalenessHours:aws-cost-explorer"] = hours });

        var act = () => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pipeline.Application.Options.WatchdogOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Watchdog:MaxStalenessHours:aws-cost-explorer*");
    }
}
