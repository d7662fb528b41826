using Pipeline.Testing;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace Pipeline.Cli.Tests;

/// <summary>
/// Every subcommand that touches storage, against a storage account that refuses the signed-in identity (403
/// AuthorizationPermissionMismatch, what Azure Storage answers before a data role has applied): one line naming the
/// storage error and its request id, exit code 4, never a stack trace.
/// </summary>
[Trait(TestClock.Trait, TestClock.Independent)]
public sealed class StorageErrorTests : IDisposable
{
    private readonly WireMockServer _storage = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly string _files = Directory.CreateTempSubdirectory("cli-files-").FullName;

    public StorageErrorTests()
    {
        // Tables answers in JSON (the SDK asks for it), Blob and Queue in XML, each as the service does.
        const string message = "This request is not authorized to perform this operation using this permission.\nRequestId:3a1b7c9e-0000-0042-5b1e-4a1234000000\nTime:2026-12-04T10:00:00.0000000Z";
        _storage.Given(Request.Create().WithHeader("Accept", "*json*")).AtPriority(1).RespondWith(Refused("application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
            "{\"odata.error\":{\"code\":\"AuthorizationPermissionMismatch\",\"message\":{\"lang\":\"en-US\",\"value\":\"" + message.Replace("\n", "\\n", StringComparison.Ordinal) + "\"}}}"));
        _storage.Given(Request.Create()).AtPriority(5).RespondWith(Refused("application/xml",
            $"""<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>{message}</Message></Error>"""));
        File.WriteAllText(Path.Combine(_files, "commitments.json"), """{ "commitments": [] }""");
        File.WriteAllText(Path.Combine(_files, "rates.csv"), "date,from,to,rate,source\n2026-11-01,EUR,USD,1.08,ECB\n");
        File.WriteAllText(Path.Combine(_files, "focus.csv"),
            "ProviderName,BillingAccountId,ChargeCategory,BillingCurrency,ChargePeriodStart,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost\n"
            + "Oracle,ocid1.tenancy.oc1..x,Usage,USD,2025-06-03T00:00:00Z,2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,12.5,12.5\n");
        Directory.CreateDirectory(Path.Combine(_files, "capacity"));
    }

    private static IResponseBuilder Refused(string contentType, string body) => Response.Create().WithStatusCode(403).WithHeader("Content-Type", contentType)
        .WithHeader("x-ms-request-id", "3a1b7c9e-0000-0042-5b1e-4a1234000000").WithHeader("x-ms-error-code", "AuthorizationPermissionMismatch").WithBody(body);

    private Dictionary<string, string> Environment() => new()
    {
        // A connection string whose three endpoints are the refusing stub (the key is Azurite's published one).
        ["Storage__ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={TestStorage.DevelopmentKey};"
                                         + $"BlobEndpoint={_storage.Url}/devstoreaccount1;QueueEndpoint={_storage.Url}/devstoreaccount1;TableEndpoint={_storage.Url}/devstoreaccount1;",
    };

    public static TheoryData<string> Commands() => new()
    {
        "status",
        "export costs --out {files}/costs.csv",
        "export burnrate --out {files}/burnrate.csv",
        "export capacity --out {files}/capacity.csv",
        "costs remove --source focus-exports --provider Oracle --account ocid1.tenancy.oc1..x",
        "commitments list",
        "commitments import {files}/commitments.json",
        "fx import {files}/rates.csv",
        "evaluate",
        "notify",
        "alerts list",
        "alerts ack commitment-burn azure-macc-2025",
        "capacity",
        "ingest focus --path {files}/focus.csv",
        "ingest capacity --path {files}/capacity",
        "bench --rows 1000 --writes 10",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_storage_account_that_refuses_ends_the_command_in_one_line_with_exit_code_4(string command)
    {
        var result = await CliProcess.RunAsync(Environment(), command.Replace("{files}", _files, StringComparison.Ordinal).Split(' '));

        result.ExitCode.Should().Be(4, result.All);
        var line = result.ErrorLines.Should().ContainSingle(l => l.StartsWith("error:", StringComparison.Ordinal)).Subject;
        line.Should().StartWith("error: storage: HTTP 403 AuthorizationPermissionMismatch: This request is not authorized to perform this operation using this permission.")
            .And.Contain("(x-ms-request-id 3a1b7c9e-0000-0042-5b1e-4a1234000000)").And.Contain("storage data roles");
        result.All.Should().NotContain("   at ", "no stack trace").And.NotContain("Unhandled exception").And.NotContain(TestStorage.DevelopmentKey);
    }

    public void Dispose()
    {
        _storage.Stop();
        Directory.Delete(_files, recursive: true);
    }
}
