using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Capacity;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh capacity</c>: the EvaluateCapacity code, then GPU headroom and delivered vs contracted.</summary>
internal static class CapacityCommand
{
    public static Command Create()
    {
        var command = new Command("capacity", "GPU headroom per provider, region and model, delivery of capacity commitments, capacity alerts");
        command.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            await RunAsync(host.Services, ct);
            await NotifyCommand.DrainAsync(host.Services, ct);
            return 0;
        });
        return command;
    }

    public static async Task<CapacityReport> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<CapacityEvaluationJob>().RunAsync(cancellationToken);
        var headroom = new Table().Title("GPU headroom: GPUs we could launch now").AddColumns("Provider", "Region", "Accelerator", "On-demand quota free", "Reserved free", "Available now", "Limit", "Used", "Spot free");
        foreach (var h in report.Headroom)
        {
            headroom.AddRow(Markup.Escape(h.ProviderName), Markup.Escape(h.RegionId), Markup.Escape(h.AcceleratorModel), h.QuotaGpusAvailable.ToString("0"),
                h.ReservedGpusAvailable.ToString("0"), $"[bold]{h.GpusAvailable:0}[/]", h.GpusLimit.ToString("0"), h.GpusUsed.ToString("0"), h.SpotGpusAvailable.ToString("0"));
        }

        AnsiConsole.Write(headroom);
        if (report.Deliveries.Count > 0)
        {
            var deliveries = new Table().Title("Capacity commitments: delivered vs contracted").AddColumns("Commitment", "Provider", "Accelerator", "Contracted", "Delivered", "Shortfall", "Next step");
            foreach (var d in report.Deliveries)
            {
                deliveries.AddRow(Markup.Escape(d.Name), Markup.Escape(d.ProviderName), Markup.Escape(d.AcceleratorModel), d.ContractedGpus.ToString(),
                    d.DeliveredGpus.ToString("0"), d.Behind ? $"[red]{d.ShortfallGpus:0}[/]" : "[green]0[/]",
                    d.NextDeliveryDate is { } next ? $"{d.NextDeliveryGpus} GPUs from {next:yyyy-MM-dd}" : "-");
            }

            AnsiConsole.Write(deliveries);
        }

        var unknown = report.Latest.Where(r => !r.Catalogued).Select(r => $"{r.ProviderName}: {r.Family}").Distinct().ToList();
        if (unknown.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Not in the accelerator catalog (kept without GPU numbers):[/] {string.Join("; ", unknown)}");
        }

        AnsiConsole.MarkupLineInterpolated($"{report.NotificationsEnqueued} capacity alert notification(s) enqueued.");
        return report;
    }
}
