using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli;

/// <summary>
/// Log entries as one scrubbed line each ("warn: ..."), the exception's message inline and never its stack trace:
/// the CLI's contract is one clear line per problem (PIPELINE_CLI_TRACE=1 adds the scrubbed trace for a bug report).
/// </summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "pipeline-one-line";

    private static readonly bool s_trace = Environment.GetEnvironmentVariable("PIPELINE_CLI_TRACE") == "1";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var level = logEntry.LogLevel switch
        {
            LogLevel.Critical => "crit",
            LogLevel.Error => "fail",
            LogLevel.Warning => "warn",
            LogLevel.Information => "info",
            _ => "dbug",
        };
        var text = logEntry.Exception is { } ex && !message.Contains(ex.Message, StringComparison.Ordinal) ? $"{message} ({ex.Message})" : message;
        textWriter.WriteLine($"{level}: {SecretScrubber.Scrub(text).ReplaceLineEndings(" ")}");
        if (s_trace && logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(SecretScrubber.Scrub(exception).ToString());
        }
    }
}
