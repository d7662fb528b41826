using System.CommandLine;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Storage.Runs;
using Pipeline.Storage.Tables;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh status</c>: recent runs per source and the row count of each table.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Recent runs and row counts");
        command.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            await PrintAsync(host.Services, ct);
            return 0;
        });
        return command;
    }

    public static async Task PrintAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var runs = new Table().Title("Recent runs").AddColumns("Started (UTC)", "Source", "Status", "Rows read", "Written", "Deleted", "Unchanged", "Seconds", "Location / error");
        await foreach (var run in services.GetRequiredService<RunStore>().ListRecentAsync(5, cancellationToken))
        {
            runs.AddRow(
                Markup.Escape(run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss")), Markup.Escape(run.Source),
                run.Status == Pipeline.Core.Runs.RunStatus.Succeeded ? "[green]Succeeded[/]" : "[red]Failed[/]",
                run.RowsRead.ToString("N0"), run.RowsUpserted.ToString("N0"), run.RowsDeleted.ToString("N0"), run.RowsUnchanged.ToString("N0"),
                run.Duration.TotalSeconds.ToString("N1"), Markup.Escape(Shorten(run.Error ?? run.Location ?? string.Empty)));
        }

        AnsiConsole.Write(runs);
        var tables = services.GetRequiredService<PipelineTables>();
        var counts = new Table().Title("Tables").AddColumns("Table", "Rows");
        foreach (var name in new[] { PipelineTables.Costs, PipelineTables.Runs })
        {
            var table = await tables.GetAsync(name);
            long count = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                count++;
            }

            counts.AddRow(name, count.ToString("N0"));
        }

        AnsiConsole.Write(counts);
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : "..." + text[^67..];
}
