using System.CommandLine;
using Pipeline.Core.Capacity;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh catalog [name]</c>: the accelerator catalog, or what one instance type / family / metric / shape means.</summary>
internal static class CatalogCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Instance type, VM size or family, quota metric or code, shape or limit name", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("catalog", "List the accelerator catalog or look one name up") { name };
        command.SetAction(parse =>
        {
            var catalog = AcceleratorCatalog.Default;
            var query = parse.GetValue(name);
            var entries = query is null ? catalog.Entries : catalog.Search(query);
            if (entries.Count == 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]'{query}' is not in the accelerator catalog (version {catalog.Version}).[/] Add it to shared/Pipeline.Core/Capacity/accelerator-catalog.csv with its source.");
                return 1;
            }

            var table = new Table().Title($"Accelerator catalog {catalog.Version}")
                .AddColumns("Provider", "Kind", "Name", "Accelerator", "GPUs / instance", "vCPUs / instance", "Unit", "Notes", "Source");
            foreach (var e in entries)
            {
                table.AddRow(Markup.Escape(e.Provider), e.Kind, Markup.Escape(e.Name), Markup.Escape(e.AcceleratorModel), e.GpusPerInstance?.ToString() ?? "-",
                    e.VcpusPerInstance?.ToString() ?? "-", e.Unit.ToString(), Markup.Escape(e.Notes), Markup.Escape(e.Source));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
