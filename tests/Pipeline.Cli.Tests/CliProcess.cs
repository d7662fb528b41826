using System.Diagnostics;
using System.Reflection;

namespace Pipeline.Cli.Tests;

/// <summary>The built CLI run as a process, as <c>./run.sh &lt;command&gt;</c> runs it: exit code, stdout, stderr.</summary>
internal static class CliProcess
{
    private static readonly string Dll = Metadata("CliDll");

    public static readonly string Root = Metadata("RepositoryRoot");

    // Variables of the developer's or CI's own environment that would change what the CLI signs in as or talks to.
    private static readonly string[] Cleared =
    [
        "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET", "AZURE_FEDERATED_TOKEN_FILE", "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "GOOGLE_APPLICATION_CREDENTIALS", "PIPELINE_CLI_TRACE",
    ];

    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public IReadOnlyList<string> ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public string All => Output + Errors;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Directory.CreateTempSubdirectory("cli-").FullName };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in Cleared.Concat(start.Environment.Keys.Where(k => k.StartsWith("Storage__", StringComparison.Ordinal) || k.StartsWith("Aws__", StringComparison.Ordinal)
                     || k.StartsWith("Azure__", StringComparison.Ordinal) || k.StartsWith("Gcp__", StringComparison.Ordinal) || k.StartsWith("Oci__", StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(variable);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await errors);
    }

    private static string Metadata(string key) => typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
