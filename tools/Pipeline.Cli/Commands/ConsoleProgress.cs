using Pipeline.Connectors.Focus;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>Shows a read's progress as a bar (bytes of the current file) with the running row count.</summary>
internal static class ConsoleProgress
{
    public static Task<T> RunAsync<T>(string title, Func<IProgress<FocusReadProgress>, Task<T>> work) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                var progress = new Progress<FocusReadProgress>(p =>
                {
                    task.Description = Markup.Escape($"{title}: {Path.GetFileName(p.File.TrimEnd('/'))} ({p.RowsRead:N0} rows)");
                    if (p.FileLength is > 0 and var length)
                    {
                        task.Value = Math.Min(1.0, p.BytesRead / (double)length);
                    }
                });
                var result = await work(progress);
                task.Value = task.MaxValue;
                return result;
            });
}
