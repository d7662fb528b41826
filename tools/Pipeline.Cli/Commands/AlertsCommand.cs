using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Alerts;
using Pipeline.Core.Alerts;
using Pipeline.Storage.Alerts;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh alerts list|ack|snooze</c>.</summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Include resolved alerts" };
        var list = new Command("list", "List alerts") { all };
        list.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var table = new Table().AddColumns("Rule", "Subject", "Status", "Severity", "Title", "First seen", "Last notified");
            await foreach (var a in host.Services.GetRequiredService<AlertStore>().ListAsync(cancellationToken: ct))
            {
                if (a.Status == AlertStatus.Resolved && !parse.GetValue(all))
                {
                    continue;
                }

                table.AddRow(Markup.Escape(a.Rule), Markup.Escape(a.SubjectKey), a.Status.ToString(), a.Severity.ToString(), Markup.Escape(a.Condition.Title),
                    a.FirstSeen.ToString("yyyy-MM-dd HH:mm"), a.LastNotifiedAt?.ToString("yyyy-MM-dd HH:mm") ?? "-");
            }

            AnsiConsole.Write(table);
            return 0;
        });

        var rule = new Argument<string>("rule");
        var subject = new Argument<string>("subject");
        var ack = new Command("ack", "Acknowledge an alert: no more emails unless it escalates or resolves") { rule, subject };
        ack.SetAction(async (parse, ct) => await ChangeAsync(() => CliHost.Build(), (s, r, k) => s.AcknowledgeAsync(r, k, ct), parse.GetValue(rule)!, parse.GetValue(subject)!, "acknowledged"));

        var rule2 = new Argument<string>("rule");
        var subject2 = new Argument<string>("subject");
        var until = new Option<string>("--until") { Description = "Snooze until this UTC day (yyyy-MM-dd)", Required = true };
        var snooze = new Command("snooze", "Snooze an alert until a day") { rule2, subject2, until };
        snooze.SetAction(async (parse, ct) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(until), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                AnsiConsole.MarkupLine("[red]--until must be a yyyy-MM-dd date.[/]");
                return 2;
            }

            var instant = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return await ChangeAsync(() => CliHost.Build(), (s, r, k) => s.SnoozeAsync(r, k, instant, ct), parse.GetValue(rule2)!, parse.GetValue(subject2)!, $"snoozed until {day:yyyy-MM-dd}");
        });
        return new Command("alerts", "List, acknowledge and snooze alerts") { list, ack, snooze };
    }

    private static async Task<int> ChangeAsync(Func<Microsoft.Extensions.Hosting.IHost> build, Func<AlertService, string, string, Task> change, string rule, string subject, string done)
    {
        using var host = build();
        try
        {
            await change(host.Services.GetRequiredService<AlertService>(), rule, subject);
            AnsiConsole.MarkupLineInterpolated($"Alert {rule} / {subject} {done}.");
            return 0;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 1;
        }
    }
}
