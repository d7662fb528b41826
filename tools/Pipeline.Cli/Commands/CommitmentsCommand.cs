using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Commitments;
using Pipeline.Core.Money;
using Pipeline.Storage.Commitments;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh commitments import &lt;file&gt;</c> and <c>./run.sh commitments list</c>.</summary>
internal static class CommitmentsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Commitments file (see schemas/commitments.schema.json)" };
        var import = new Command("import", "Validate a commitments file and make the commitments table match it") { file };
        import.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            return await ImportAsync(host.Services, parse.GetValue(file)!, ct) ? 0 : 1;
        });
        var list = new Command("list", "List the commitments");
        list.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            var table = new Table().AddColumns("Provider", "Id", "Name", "Category", "Periods", "Total", "Owners", "Origin", "Reported balance");
            await foreach (var c in host.Services.GetRequiredService<CommitmentStore>().ListAsync(ct))
            {
                table.AddRow(Markup.Escape(c.ProviderName), Markup.Escape(c.Id), Markup.Escape(c.Name), c.Category.ToString(),
                    Markup.Escape(string.Join(", ", c.Periods.Select(p => $"{p.Start:yyyy-MM-dd}..{p.End:yyyy-MM-dd}"))),
                    Markup.Escape(MoneyFormat.Compact(c.TotalAmount, c.Currency)), Markup.Escape(string.Join(", ", c.Owners)), c.Origin,
                    c.ReportedBalance is { } balance
                        ? Markup.Escape(MoneyFormat.Compact(balance, c.Currency) + (c.ReportedBalanceAsOf is { } asOf ? $" at {asOf:yyyy-MM-dd}" : string.Empty))
                        : string.Empty);
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return new Command("commitments", "Manage commitments") { import, list };
    }

    public static async Task<bool> ImportAsync(IServiceProvider services, string path, CancellationToken cancellationToken)
    {
        try
        {
            var (upserted, removed) = await services.GetRequiredService<CommitmentImport>().ImportAsync(await File.ReadAllTextAsync(path, cancellationToken), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Imported {upserted} commitment(s) from {path}; removed {removed} no longer listed.");
            return true;
        }
        catch (InvalidCommitmentFileException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Rejected {path}[/]: {ex.Problems.Count} problem(s); nothing was imported.");
            foreach (var problem in ex.Problems)
            {
                AnsiConsole.MarkupLineInterpolated($"  {problem}");
            }

            return false;
        }
        catch (FileNotFoundException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return false;
        }
    }
}
