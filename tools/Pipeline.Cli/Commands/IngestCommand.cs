using Pipeline.Http;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Capacity;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Queues;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh ingest focus --path &lt;file|folder|blob url&gt;</c></summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var path = new Option<string>("--path") { Description = "A FOCUS file (.csv, .csv.gz, .parquet), a folder of them, or a Blob URL", Required = true };
        var focus = new Command("focus", "Ingest a FOCUS export into the costs table (replaces its billing-period windows)") { path };
        focus.SetAction((parse, ct) => RunAsync(parse.GetValue(path)!, ct));
        var folder = new Option<string>("--path") { Description = "A folder of saved capacity API responses (see CapacitySnapshotFolder)", Required = true };
        var capacity = new Command("capacity", "Ingest a capacity snapshot folder into the capacity tables") { folder };
        capacity.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            return await IngestCapacityAsync(host.Services, parse.GetValue(folder)!, ct) ? 0 : 1;
        });
        var ingest = new Command("ingest", "Ingest cost or capacity data") { focus, capacity };
        foreach (var identity in ProviderModules.Identities)
        {
            var command = new Command(identity.Key, identity.Description);
            command.SetAction(async (_, ct) =>
            {
                using var host = CliHost.Build();
                var provider = host.Services.GetRequiredKeyedService<IProviderIngestion>(identity.Key);
                var costs = await IngestProviderCostsAsync(host.Services, provider, ct);
                return costs != CliExit.Ok ? costs : await IngestProviderCapacityAsync(host.Services, provider, ct);
            });
            ingest.Subcommands.Add(command);
        }

        return ingest;
    }

    public static async Task<int> RunAsync(string path, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build();
        var outcome = await IngestAsync(host.Services, path, cancellationToken);
        return outcome is null ? 1 : 0;
    }

    /// <summary>Syncs the provider's reported commitments, then pulls its costs' trailing window and enqueues the evaluations; the exit code (<see cref="CliExit"/>).</summary>
    public static async Task<int> IngestProviderCostsAsync(IServiceProvider services, IProviderIngestion provider, CancellationToken cancellationToken)
    {
        if (!provider.Enabled || !provider.CostsConfigured)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{provider.DisplayName} is not configured (set {provider.SettingsSection}__Enabled=true and the {provider.SettingsSection} settings, see docs/).[/]");
            return CliExit.Configuration;
        }

        try
        {
            var costRun = await ProviderCostRun.RunAsync(provider, cancellationToken,
                afterCommitments: (synced, failure) =>
                {
                    if (failure is not null)
                    {
                        CliOutput.Failure($"{provider.DisplayName} commitments failed: {failure.Message} (commitments unchanged)");
                    }
                    else if (synced > 0)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[green]Synced[/] {synced} {provider.DisplayName} commitment(s) into commitments.");
                    }
                },
                aroundCosts: pull => AnsiConsole.Status().StartAsync($"Pulling {provider.DisplayName} costs...", _ => pull()));

            var outcome = costRun.Costs;
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            var run = outcome.Run;
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Ingested[/] {provider.DisplayName} costs ({run.Source}) {run.WindowStart:yyyy-MM-dd}..{run.WindowEnd?.AddDays(-1):yyyy-MM-dd}: {run.RowsRead:N0} rows, {run.RowsUpserted:N0} written, {run.RowsDeleted:N0} deleted; {CallSummary(run)}.");
            return costRun.CommitmentsFailure is null ? CliExit.Ok : CliExit.Provider;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidOperationException)
        {
            CliOutput.Failure($"{provider.DisplayName} costs failed: {ex.Message} (recorded in runs; stored costs unchanged)");
            return CliExit.Code(ex);
        }
    }

    public static async Task<int> IngestProviderCapacityAsync(IServiceProvider services, IProviderIngestion provider, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await provider.IngestCapacityAsync(cancellationToken);
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Ingested[/] {provider.DisplayName} GPU capacity: {outcome.Records.Count} quota, reservation and limit rows.");
            return CliExit.Ok;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidOperationException)
        {
            CliOutput.Failure($"{provider.DisplayName} capacity failed: {ex.Message} (recorded in runs)");
            return CliExit.Code(ex);
        }
    }

    /// <summary>What the pull cost: API calls, the paid ones (Cost Explorer bills $0.01 each), throttling waits, bytes scanned.</summary>
    private static string CallSummary(Pipeline.Core.Runs.RunRecord run)
    {
        var parts = new List<string> { $"{Math.Max(run.ApiCalls, run.PaidApiCalls)} API call(s)" };
        if (run.PaidApiCalls > 0 && run.BytesScanned == 0)
        {
            parts.Add($"{run.PaidApiCalls} paid (${run.PaidApiCalls * 0.01m:0.00})");
        }

        if (run.ThrottledSeconds > 0)
        {
            parts.Add($"{run.ThrottledSeconds:0.#} s throttled");
        }

        if (run.BytesScanned > 0)
        {
            parts.Add($"{run.BytesScanned / 1048576.0:N1} MiB scanned");
        }

        return string.Join(", ", parts);
    }

    public static async Task<bool> IngestCapacityAsync(IServiceProvider services, string path, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await services.GetRequiredService<CapacityIngestion>().IngestFolderAsync(path, cancellationToken);
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Ingested[/] {outcome.Records.Count} capacity rows ({outcome.Run.RowsDeleted} removed) from {path}.");
            foreach (var unknown in outcome.UnknownFamilies)
            {
                AnsiConsole.MarkupLineInterpolated($"  [yellow]not in the accelerator catalog, kept without GPU numbers:[/] {unknown}");
            }

            return true;
        }
        catch (Exception ex) when (ex is InvalidSourceDataException or DirectoryNotFoundException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Rejected {path}[/]: {ex.Message}");
            return false;
        }
    }

    /// <summary>Ingests and enqueues the evaluations; prints the outcome. Null when the source was rejected.</summary>
    public static async Task<IngestionOutcome?> IngestAsync(IServiceProvider services, string path, CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<FocusExportIngestion>();
        try
        {
            var outcome = await ConsoleProgress.RunAsync($"Ingesting {path}", progress => ingestion.IngestAsync(path, progress, cancellationToken));
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            var run = outcome.Run;
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Ingested[/] {run.RowsRead:N0} source rows: {run.RowsUpserted:N0} daily rows written, {run.RowsDeleted:N0} deleted, {run.RowsUnchanged:N0} unchanged ({run.Duration.TotalSeconds:N1} s, run {run.RunId}).");
            return outcome;
        }
        catch (InvalidSourceDataException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Rejected {path}[/]: {ex.Errors.Count:N0} problem(s); the costs table was not changed.");
            foreach (var error in ex.Errors.Samples.Take(20))
            {
                AnsiConsole.MarkupLineInterpolated($"  {error}");
            }

            if (ex.Errors.Count > 20)
            {
                AnsiConsole.MarkupLineInterpolated($"  ... and {ex.Errors.Count - 20:N0} more");
            }

            return null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or ArgumentException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot ingest {path}[/]: {ex.Message}");
            return null;
        }
    }
}
