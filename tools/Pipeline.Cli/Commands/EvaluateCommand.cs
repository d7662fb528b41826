using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Evaluation;
using Pipeline.Core.BurnRate;
using Pipeline.Core.Money;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh evaluate [--as-of YYYY-MM-DD]</c>: the EvaluateCommitment code for every commitment, then the status table.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this day (default: the last complete day with data)" };
        var command = new Command("evaluate", "Compute burn rates, forecasts and alerts for all commitments") { asOf };
        command.SetAction(async (parse, ct) =>
        {
            DateOnly? day = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]--as-of '{text}' is not a yyyy-MM-dd date.[/]");
                    return 2;
                }

                day = parsed;
            }

            using var host = CliHost.Build();
            var report = await RunAsync(host.Services, day, ct);
            ReportCommand.PrintRecommendations(ReportCommand.Recommendations(report));
            await NotifyCommand.DrainAsync(host.Services, ct);
            return 0;
        });
        return command;
    }

    public static async Task<EvaluationReport> RunAsync(IServiceProvider services, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<CommitmentEvaluationJob>().RunAsync(null, asOf, cancellationToken);
        PrintStatus(report);
        return report;
    }

    public static void PrintStatus(EvaluationReport report)
    {
        var table = new Table().Title("Commitments").AddColumns("Commitment", "Provider", "As of", "Period", "Amount", "Consumed", "Pace", "Burn ratio", "Forecast p50", "Shortfall", "Exhaustion", "Status");
        foreach (var e in report.Commitments.OrderBy(e => e.Commitment.ProviderName).ThenBy(e => e.Commitment.Id))
        {
            if (e.Snapshot is not { } s)
            {
                table.AddRow(Markup.Escape(e.Commitment.Name), Markup.Escape(e.Commitment.ProviderName), "-", "-", "-", "-", "-", "-", "-", "-", "-", $"[yellow]{Markup.Escape(e.Problem ?? "not evaluated")}[/]");
                continue;
            }

            string M(decimal v) => Markup.Escape(MoneyFormat.Compact(v, s.Currency));
            table.AddRow(Markup.Escape(e.Commitment.Name), Markup.Escape(e.Commitment.ProviderName), s.AsOf.ToString("yyyy-MM-dd"),
                $"{s.PeriodStart:yyyy-MM-dd}..{s.PeriodEnd.AddDays(-1):yyyy-MM-dd}", M(s.PeriodAmount), M(s.Consumed),
                s.PaceRatio?.ToString("0.00") ?? "-", s.BurnRatio?.ToString("0.00") ?? "-", M(s.ForecastP50), M(s.ProjectedShortfall),
                s.ExhaustionDate?.ToString("yyyy-MM-dd") ?? "-", Colored(s.Status));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{report.NotificationsEnqueued} alert notification(s) enqueued.");
    }

    private static string Colored(BurnStatus status) => status switch
    {
        BurnStatus.OnTrack or BurnStatus.Met => $"[green]{status}[/]",
        BurnStatus.Watch or BurnStatus.ExhaustingEarly => $"[yellow]{status}[/]",
        BurnStatus.AtRisk or BurnStatus.Shortfall => $"[red]{status}[/]",
        _ => status.ToString(),
    };
}
