using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Capacity;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;
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
        var awsCommand = new Command("aws", "Pull AWS costs (Cost Explorer) and GPU capacity with the Aws settings");
        awsCommand.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            return await IngestAwsCostsAsync(host.Services, ct) && await IngestAwsCapacityAsync(host.Services, ct) ? 0 : 1;
        });
        var azureCommand = new Command("azure", "Pull Azure costs (Cost Management), MACC lots and GPU capacity with the Azure settings");
        azureCommand.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            return await IngestAzureCostsAsync(host.Services, ct) && await IngestAzureCapacityAsync(host.Services, ct) ? 0 : 1;
        });
        var gcpCommand = new Command("gcp", "Pull Google Cloud costs (BigQuery billing export) and GPU capacity with the Gcp settings");
        gcpCommand.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            return await IngestGcpCostsAsync(host.Services, ct) && await IngestGcpCapacityAsync(host.Services, ct) ? 0 : 1;
        });
        var ociCommand = new Command("oci", "Pull Oracle Cloud costs (Usage API) and GPU limits with the Oci settings");
        ociCommand.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            return await IngestOciCostsAsync(host.Services, ct) && await IngestOciCapacityAsync(host.Services, ct) ? 0 : 1;
        });
        return new Command("ingest", "Ingest cost or capacity data") { focus, capacity, awsCommand, azureCommand, gcpCommand, ociCommand };
    }

    public static async Task<int> RunAsync(string path, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build();
        var outcome = await IngestAsync(host.Services, path, cancellationToken);
        return outcome is null ? 1 : 0;
    }

    public static async Task<bool> IngestAwsCostsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var aws = services.GetRequiredService<AwsIngestion>();
        if (!aws.Enabled)
        {
            AnsiConsole.MarkupLine("[yellow]AWS is not enabled (set Aws__Enabled=true and the Aws settings, see docs/aws.md).[/]");
            return false;
        }

        try
        {
            var outcome = await AnsiConsole.Status().StartAsync("Pulling AWS Cost Explorer...", _ => aws.IngestCostsAsync(cancellationToken));
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            var run = outcome.Run;
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Ingested[/] AWS Cost Explorer {run.WindowStart:yyyy-MM-dd}..{run.WindowEnd?.AddDays(-1):yyyy-MM-dd}: {run.RowsRead:N0} rows, {run.RowsUpserted:N0} written, {run.RowsDeleted:N0} deleted, {run.PaidApiCalls} paid API call(s) (${run.PaidApiCalls * 0.01m:0.00}).");
            return true;
        }
        catch (ConnectorException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]AWS costs failed[/]: {ex.Message} (recorded in runs; stored costs unchanged)");
            return false;
        }
    }

    public static async Task<bool> IngestAzureCostsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var azure = services.GetRequiredService<AzureIngestion>();
        if (!azure.Enabled)
        {
            AnsiConsole.MarkupLine("[yellow]Azure is not enabled (set Azure__Enabled=true and the Azure settings, see docs/azure.md).[/]");
            return false;
        }

        var ok = true;
        try
        {
            var lots = await azure.SyncMaccAsync(cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Synced[/] {lots} Azure MACC lot(s) into commitments.");
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Azure MACC lots failed[/]: {ex.Message} (commitments unchanged)");
            ok = false;
        }

        try
        {
            var outcome = await AnsiConsole.Status().StartAsync("Pulling Azure Cost Management...", _ => azure.IngestCostsAsync(cancellationToken));
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            var run = outcome.Run;
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Ingested[/] Azure Cost Management {run.WindowStart:yyyy-MM-dd}..{run.WindowEnd?.AddDays(-1):yyyy-MM-dd}: {run.RowsRead:N0} rows, {run.RowsUpserted:N0} written, {run.RowsDeleted:N0} deleted, {run.ApiCalls} queries, {run.ThrottledSeconds:0.#} s throttled.");
            return ok;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Azure costs failed[/]: {ex.Message} (recorded in runs; stored costs unchanged)");
            return false;
        }
    }

    public static async Task<bool> IngestGcpCostsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var gcp = services.GetRequiredService<GcpIngestion>();
        if (!gcp.Enabled || !gcp.CostsConfigured)
        {
            AnsiConsole.MarkupLine("[yellow]Google Cloud costs are not configured (set Gcp__Enabled=true, Gcp__ExportTable and the Gcp settings, see docs/gcp.md).[/]");
            return false;
        }

        try
        {
            var outcome = await AnsiConsole.Status().StartAsync("Querying the BigQuery billing export...", _ => gcp.IngestCostsAsync(cancellationToken));
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            var run = outcome.Run;
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Ingested[/] Google Cloud billing export {run.WindowStart:yyyy-MM-dd}..{run.WindowEnd?.AddDays(-1):yyyy-MM-dd}: {run.RowsRead:N0} rows, {run.RowsUpserted:N0} written, {run.RowsDeleted:N0} deleted, {run.BytesScanned / 1048576.0:N1} MiB scanned.");
            return true;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Google Cloud costs failed[/]: {ex.Message} (recorded in runs; stored costs unchanged)");
            return false;
        }
    }

    public static async Task<bool> IngestGcpCapacityAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await services.GetRequiredService<GcpIngestion>().IngestCapacityAsync(cancellationToken);
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Ingested[/] Google Cloud GPU capacity: {outcome.Records.Count} quota and reservation rows.");
            return true;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Google Cloud capacity failed[/]: {ex.Message}");
            return false;
        }
    }

    public static async Task<bool> IngestOciCostsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var oci = services.GetRequiredService<OciIngestion>();
        if (!oci.Enabled)
        {
            AnsiConsole.MarkupLine("[yellow]Oracle Cloud is not enabled (set Oci__Enabled=true and the Oci settings, see docs/oci.md).[/]");
            return false;
        }

        var ok = true;
        try
        {
            var synced = await oci.SyncCommitmentsAsync(cancellationToken);
            if (synced > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[green]Synced[/] {synced} OCI commitment(s) into commitments.");
            }
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]OCI commitments failed[/]: {ex.Message} (commitments unchanged)");
            ok = false;
        }

        try
        {
            var outcome = await AnsiConsole.Status().StartAsync("Pulling the OCI Usage API...", _ => oci.IngestCostsAsync(cancellationToken));
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            var run = outcome.Run;
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Ingested[/] Oracle Cloud Usage API {run.WindowStart:yyyy-MM-dd}..{run.WindowEnd?.AddDays(-1):yyyy-MM-dd}: {run.RowsRead:N0} rows, {run.RowsUpserted:N0} written, {run.RowsDeleted:N0} deleted, {run.ApiCalls} signed call(s).");
            return ok;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Oracle Cloud costs failed[/]: {ex.Message} (recorded in runs; stored costs unchanged)");
            return false;
        }
    }

    public static async Task<bool> IngestOciCapacityAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await services.GetRequiredService<OciIngestion>().IngestCapacityAsync(cancellationToken);
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Ingested[/] Oracle Cloud GPU capacity: {outcome.Records.Count} limit availability rows.");
            return true;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Oracle Cloud capacity failed[/]: {ex.Message}");
            return false;
        }
    }

    public static async Task<bool> IngestAzureCapacityAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await services.GetRequiredService<AzureIngestion>().IngestCapacityAsync(cancellationToken);
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Ingested[/] Azure GPU capacity: {outcome.Records.Count} quota and reservation rows.");
            return true;
        }
        catch (Exception ex) when (ex is ConnectorException or InvalidDataException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Azure capacity failed[/]: {ex.Message}");
            return false;
        }
    }

    public static async Task<bool> IngestAwsCapacityAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await services.GetRequiredService<AwsIngestion>().IngestCapacityAsync(cancellationToken);
            await services.GetRequiredService<EvaluationQueue>().SendAsync(outcome.Evaluations, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Ingested[/] AWS GPU capacity: {outcome.Records.Count} quota and reservation rows.");
            return true;
        }
        catch (ConnectorException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]AWS capacity failed[/]: {ex.Message}");
            return false;
        }
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
