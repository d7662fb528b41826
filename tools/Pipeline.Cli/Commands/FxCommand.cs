using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.FxRates;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.FxRates;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh fx import &lt;file.csv&gt;</c>: exchange rates (date,from,to,rate,source) into <c>fxrates</c>.</summary>
internal static class FxCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "CSV with the header date,from,to,rate,source" };
        var import = new Command("import", "Import exchange rates") { file };
        import.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var path = parse.GetValue(file)!;
            try
            {
                var rates = FxRateCsvParser.Parse(await File.ReadAllTextAsync(path, ct), path);
                await host.Services.GetRequiredService<FxRateStore>().UpsertAsync(rates, ct);
                AnsiConsole.MarkupLineInterpolated($"Imported {rates.Count} exchange rate(s) from {path}.");
                return 0;
            }
            catch (InvalidSourceDataException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Rejected {path}[/]:");
                foreach (var error in ex.Errors.Samples)
                {
                    AnsiConsole.MarkupLineInterpolated($"  {error}");
                }

                return 1;
            }
        });
        return new Command("fx", "Exchange rates") { import };
    }
}
