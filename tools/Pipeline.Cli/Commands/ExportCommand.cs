using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Export;
using Pipeline.Storage.BurnRate;
using Pipeline.Storage.Costs;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh export costs --out &lt;file.csv&gt;</c></summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var costs = new Command("costs", "Export the normalized costs table as a FOCUS CSV (one row per stored row)") { output };
        costs.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var path = parse.GetValue(output)!;
            var store = host.Services.GetRequiredService<CostStore>();
            var rows = await FocusCsvExporter.WriteFileAsync(() => store.QueryAsync(ct), path, ct);
            AnsiConsole.MarkupLineInterpolated($"Wrote {rows:N0} rows to {path}");
            return 0;
        });
        var burnOutput = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var burnrate = new Command("burnrate", "Export the burnrate table as CSV") { burnOutput };
        burnrate.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var path = parse.GetValue(burnOutput)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            var rows = await BurnRateCsvExporter.WriteAsync(host.Services.GetRequiredService<BurnRateStore>().ListAsync(ct), writer, ct);
            AnsiConsole.MarkupLineInterpolated($"Wrote {rows:N0} rows to {path}");
            return 0;
        });
        var capacityOutput = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var capacity = new Command("capacity", "Export the latest capacity snapshot (quotas, reservations, capacity blocks) as CSV") { capacityOutput };
        capacity.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var path = parse.GetValue(capacityOutput)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var records = new List<Pipeline.Core.Capacity.CapacityRecord>();
            await foreach (var record in host.Services.GetRequiredService<Pipeline.Storage.Capacity.CapacityStore>().ListLatestAsync(ct))
            {
                records.Add(record);
            }

            await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            var rows = await CapacityCsvExporter.WriteAsync(records, writer, ct);
            AnsiConsole.MarkupLineInterpolated($"Wrote {rows:N0} rows to {path}");
            return 0;
        });
        return new Command("export", "Export a table as CSV") { costs, burnrate, capacity };
    }
}
