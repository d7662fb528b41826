using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli;

/// <summary>
/// A failure as the CLI reports it: one scrubbed line on stderr starting <c>error:</c>, never wrapped (the console's
/// width applies to tables, not to an error a script or a person will grep for).
/// </summary>
internal static class CliOutput
{
    public static void Failure(string text) => Console.Error.WriteLine("error: " + SecretScrubber.Scrub(text).ReplaceLineEndings(" ").Trim());
}
