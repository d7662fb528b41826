using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Capacity;
using Pipeline.Application.Evaluation;
using Pipeline.Notifications.Reports;
using Pipeline.Core.Alerts;
using Pipeline.Core.Money;
using Pipeline.Core.Portfolio;
using Pipeline.Storage.Alerts;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>Writes the HTML summary report and prints the portfolio recommendations.</summary>
internal static class ReportCommand
{
    public static async Task<string> WriteAsync(IServiceProvider services, EvaluationReport report, CapacityReport? capacity, string path, CancellationToken cancellationToken)
    {
        var recommendations = Recommendations(report);
        PrintRecommendations(recommendations);
        var alerts = new List<AlertState>();
        await foreach (var alert in services.GetRequiredService<AlertStore>().ListAsync(cancellationToken: cancellationToken))
        {
            alerts.Add(alert);
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, HtmlReportWriter.Render(report.Commitments, recommendations, alerts, services.GetRequiredService<TimeProvider>().GetUtcNow(),
            capacity is null ? null : (capacity.Headroom, capacity.Deliveries)), cancellationToken);
        return full;
    }

    public static IReadOnlyList<ShiftRecommendation> Recommendations(EvaluationReport report) =>
        PortfolioAdvisor.Recommend(report.Commitments.Where(e => e.Snapshot is not null).Select(e => (e.Commitment, e.Snapshot!)));

    public static void PrintRecommendations(IReadOnlyList<ShiftRecommendation> recommendations)
    {
        if (recommendations.Count == 0)
        {
            AnsiConsole.MarkupLine("Portfolio: no cross-cloud shift would reduce a projected shortfall.");
            return;
        }

        var table = new Table().Title("Portfolio: where spend could move").AddColumns("From (over-burning)", "To (under-burning)", "Per day", "Days", "Total", "Shortfall after");
        foreach (var r in recommendations)
        {
            table.AddRow(Markup.Escape($"{r.FromCommitmentId} ({r.FromProvider})"), Markup.Escape($"{r.ToCommitmentId} ({r.ToProvider})"),
                Markup.Escape(MoneyFormat.Full(r.PerDay, r.Currency)), r.Days.ToString(), Markup.Escape(MoneyFormat.Compact(r.Total, r.Currency)),
                Markup.Escape(MoneyFormat.Compact(r.ToShortfallAfter, r.Currency)));
        }

        AnsiConsole.Write(table);
    }
}
