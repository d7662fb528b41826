using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Notifications;
using Pipeline.Notifications.Email;
using Pipeline.Storage.Queues;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh notify</c>: drains the <c>notifications</c> queue through the SendAlert code (locally, no Functions host).</summary>
internal static class NotifyCommand
{
    public static Command Create()
    {
        var command = new Command("notify", "Send pending alert emails (what the SendAlert function does on Azure)");
        command.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            await DrainAsync(host.Services, ct);
            return 0;
        });
        return command;
    }

    public static async Task<int> DrainAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<NotificationQueue>();
        var notifier = services.GetRequiredService<AlertNotifier>();
        var sent = 0;
        while (true)
        {
            var batch = await queue.ReceiveAsync(32, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var (request, messageId, popReceipt) in batch)
            {
                var outcome = await notifier.NotifyAsync(request, Guid.NewGuid().ToString("n"), cancellationToken);
                await queue.DeleteAsync(messageId, popReceipt, cancellationToken);
                sent += outcome == NotificationOutcome.Sent ? 1 : 0;
            }
        }

        var options = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var where = options.Mode == EmailMode.Pickup ? $" to {Path.GetFullPath(options.PickupFolder)}" : $" via {options.Mode}";
        AnsiConsole.MarkupLineInterpolated($"{sent} alert email(s) sent{where}.");
        return sent;
    }
}
