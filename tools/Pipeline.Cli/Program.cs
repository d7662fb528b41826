using System.CommandLine;
using Pipeline.Cli.Commands;
using Spectre.Console;

// Redirected output (CI logs, files) has no terminal width; keep tables readable there.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

var root = new RootCommand("Multi-cloud cost and capacity pipeline: local runner and ops CLI. With no command, runs the whole local demo.");
// The one wall clock of the CLI: commands and the demo take it from here (the host registers the same TimeProvider.System).
var time = TimeProvider.System;
root.SetAction((_, ct) => DemoCommand.RunAsync(time, ct));
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(CostsCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(CommitmentsCommand.Create());
root.Subcommands.Add(FxCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(NotifyCommand.Create());
root.Subcommands.Add(AlertsCommand.Create());
root.Subcommands.Add(CatalogCommand.Create());
root.Subcommands.Add(CapacityCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(BenchCommand.CreateBacktest());
// Anything a command did not turn into its own message ends as one scrubbed line and a documented exit code (CliExit), never a stack trace
// (PIPELINE_CLI_TRACE=1 prints the scrubbed trace for a bug report).
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex)
{
    var code = Pipeline.Cli.CliExit.Code(ex);
    if (code == Pipeline.Cli.CliExit.Cancelled)
    {
        await Console.Error.WriteLineAsync("Cancelled.");
    }
    else
    {
        Pipeline.Cli.CliOutput.Failure(Pipeline.Cli.CliExit.Message(ex));
    }

    if (Environment.GetEnvironmentVariable("PIPELINE_CLI_TRACE") == "1")
    {
        await Console.Error.WriteLineAsync(Pipeline.Core.Diagnostics.SecretScrubber.Scrub(ex).ToString());
    }

    return code;
}
