using System.Diagnostics;
using System.Reflection;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The azd hooks (POSIX versions; no PowerShell here), run by <c>sh</c> against a fake <c>az</c>/<c>azd</c> on the
/// PATH that records its calls and answers like the real CLI, including the 403 of a role not applied yet.
/// </summary>
[Trait(Pipeline.Testing.TestClock.Trait, Pipeline.Testing.TestClock.Independent)]
public sealed class HookTests : IDisposable
{
    private static readonly string Root = typeof(HookTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
    private readonly string _bin = Directory.CreateTempSubdirectory("fake-az-").FullName;

    public HookTests()
    {
        // Fails the first FAKE_AZ_FAILURES calls as az does before a data role applies, then answers.
        const string fake = """
            #!/bin/sh
            n=$(cat "$FAKE_DIR/count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$FAKE_DIR/count"
            echo "$(basename "$0") $*" >> "$FAKE_DIR/calls"
            if [ "$(basename "$0")" = az ] && [ "$n" -le "${FAKE_AZ_FAILURES:-0}" ]; then
              echo "ERROR: You do not have the required permissions needed to perform this operation. ErrorCode: AuthorizationPermissionMismatch" >&2
              exit 1
            fi
            case "$*" in
              *"blob exists"*) echo "${FAKE_AZ_EXISTS:-false}" ;;
              *"account show"*) echo "${FAKE_AZ_USER_TYPE:-user}" ;;
            esac
            exit 0
            """;
        foreach (var tool in new[] { "az", "azd" })
        {
            var path = Path.Combine(_bin, tool);
            File.WriteAllText(path, fake.ReplaceLineEndings("\n"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    private List<string> Calls => File.Exists(Path.Combine(_bin, "calls")) ? [.. File.ReadAllLines(Path.Combine(_bin, "calls"))] : [];

    [Fact]
    public void Postprovision_waits_out_the_role_propagation_then_uploads_the_commitments()
    {
        var (exit, output) = Run("postprovision.sh", new() { ["FAKE_AZ_FAILURES"] = "3" });

        exit.Should().Be(0);
        output.Should().Contain("Storage not writable yet (attempt 3 of 5").And.Contain("Uploaded samples/commitments.json to stabc123/config/commitments.json");
        Calls.Should().HaveCount(5).And.EndWith("az storage blob upload --auth-mode login --account-name stabc123 --container-name config --name commitments.json --file samples/commitments.json --only-show-errors");
    }

    [Fact]
    public void Postprovision_that_never_gets_access_says_what_to_run_and_lets_the_deploy_go_on()
    {
        var (exit, output) = Run("postprovision.sh", new() { ["FAKE_AZ_FAILURES"] = "100" });

        exit.Should().Be(0, "a non-zero hook stops azd up before the code is deployed");
        output.Should().Contain("WARNING: could not reach stabc123/config after 5 attempts: ERROR: You do not have the required permissions")
            .And.Contain("az storage blob upload --auth-mode login --account-name stabc123").And.Contain("Next steps");
        Calls.Should().HaveCount(5).And.OnlyContain(c => c.Contains("blob exists"), "nothing is uploaded without knowing whether the team's file is there");
    }

    [Fact]
    public void Postprovision_never_overwrites_a_commitments_file_the_team_edited()
    {
        var (exit, output) = Run("postprovision.sh", new() { ["FAKE_AZ_EXISTS"] = "true" });

        (exit, output.Contains("already exists in stabc123; left as is.", StringComparison.Ordinal)).Should().Be((0, true));
        Calls.Should().NotContain(c => c.Contains("upload"));
    }

    [Theory]
    [InlineData("user", null, "User")]
    [InlineData("servicePrincipal", null, "ServicePrincipal")]
    [InlineData("user", "/var/run/secrets/azure/tokens/azure-identity-token", "ServicePrincipal")]
    public void Preprovision_tells_the_template_who_runs_azd(string signedInAs, string? federatedTokenFile, string expected)
    {
        var environment = new Dictionary<string, string?> { ["FAKE_AZ_USER_TYPE"] = signedInAs, ["AZURE_PRINCIPAL_TYPE"] = null };
        if (federatedTokenFile is not null)
        {
            environment["AZURE_CLIENT_ID"] = "0b7c3e6a-5f1d-4c1e-9a53-3c0f6f8d2b11";
            environment["AZURE_FEDERATED_TOKEN_FILE"] = federatedTokenFile;
        }

        var (exit, output) = Run("preprovision.sh", environment);

        (exit, output.Trim()).Should().Be((0, $"AZURE_PRINCIPAL_TYPE={expected}"));
        Calls.Should().Contain($"azd env set AZURE_PRINCIPAL_TYPE {expected}");
    }

    [Fact]
    public void Preprovision_leaves_an_explicit_principal_type_alone()
    {
        var (exit, _) = Run("preprovision.sh", new() { ["AZURE_PRINCIPAL_TYPE"] = "ServicePrincipal" });

        exit.Should().Be(0);
        Calls.Should().BeEmpty();
    }

    private (int Exit, string Output) Run(string hook, Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("sh") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "infra", "hooks", hook));
        start.Environment["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_DIR"] = _bin;
        start.Environment["STORAGE_ACCOUNT_NAME"] = "stabc123";
        start.Environment["POSTPROVISION_MAX_ATTEMPTS"] = "5";
        start.Environment["POSTPROVISION_FIRST_DELAY"] = "0";
        foreach (var variable in new[] { "AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_SECRET", "ACTIONS_ID_TOKEN_REQUEST_URL", "AZURE_PRINCIPAL_TYPE" })
        {
            start.Environment.Remove(variable);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(1)).Should().BeTrue();
        return (process.ExitCode, output.Result + errors.Result);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);
}
