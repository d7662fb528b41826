using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pipeline.Testing;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace Pipeline.Cli.Tests;

/// <summary>
/// Each provider subcommand against a stub that answers as the provider does when it refuses: one line with the
/// provider, the HTTP status, the provider's code and message and its request id; exit code 3 (2 for settings).
/// Storage is the suite's Azurite.
/// </summary>
[Trait(TestClock.Trait, TestClock.Independent)]
public sealed class ProviderErrorTests : IDisposable
{
    private readonly WireMockServer _stub = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    private static Dictionary<string, string> Storage() => new()
    {
        ["Storage__ConnectionString"] = TestStorage.ConnectionString,
        ["Storage__TablePrefix"] = TestStorage.NewPrefix(),
    };

    private static IResponseBuilder Json(int status, string body, string requestIdHeader, string requestId) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithHeader(requestIdHeader, requestId).WithBody(body);

    private static void NoStackTrace(CliProcess.Result result) =>
        result.All.Should().NotContain("   at ").And.NotContain("Unhandled exception").And.NotContain("-----BEGIN");

    [Fact]
    public async Task Oracle_refusing_the_usage_api_is_one_line_with_its_code_and_opc_request_id()
    {
        _stub.Given(Request.Create().UsingPost().WithPath("/usage/us-ashburn-1/20200107/usage"))
            .RespondWith(Json(404, """{"code":"NotAuthorizedOrNotFound","message":"Authorization failed or requested resource not found."}""", "opc-request-id", "iad-1:0a1b2c3d"));
        var environment = Oci();

        var result = await CliProcess.RunAsync(environment, "ingest", "oci");

        result.ExitCode.Should().Be(3, result.All);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("error: Oracle Cloud costs failed: Oracle Cloud: ")
            .And.Contain("NotAuthorizedOrNotFound: Authorization failed or requested resource not found.")
            .And.Contain("opc-request-id iad-1:0a1b2c3d").And.Contain("(recorded in runs; stored costs unchanged)");
        NoStackTrace(result);
    }

    [Fact]
    public async Task Oracle_object_storage_without_the_endorse_policy_names_the_statement_to_add()
    {
        _stub.Given(Request.Create().UsingGet().WithPath("/objectstorage/n/bling/b/ocid1.tenancy.oc1..aaaa/o"))
            .RespondWith(Json(404, """{"code":"BucketNotFound","message":"Either the bucket named 'ocid1.tenancy.oc1..aaaa' does not exist in the namespace 'bling' or you are not authorized to access it"}""",
                "opc-request-id", "iad-1:4e5f6a7b"));

        var result = await CliProcess.RunAsync(Oci(), "ingest", "focus", "--path", "oci://bling/ocid1.tenancy.oc1..aaaa/FOCUS Reports/");

        result.ExitCode.Should().Be(3, result.All);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("error: Oracle Cloud: ").And.Contain("BucketNotFound").And.Contain("opc-request-id iad-1:4e5f6a7b")
            .And.Contain("endorse group <the pipeline's group> to read objects in tenancy usage-report");
        NoStackTrace(result);
    }

    [Fact]
    public async Task Aws_refusing_cost_explorer_is_one_line_with_its_error_type_and_request_id()
    {
        _stub.Given(Request.Create().UsingPost().WithPath("/ce/"))
            .RespondWith(Json(400, """{"__type":"AccessDeniedException","Message":"User: arn:aws:iam::111122223333:user/pipeline is not authorized to perform: ce:GetCostAndUsage"}""",
                "x-amzn-RequestId", "7f1e2d3c-aaaa-bbbb-cccc-000000000001"));
        var environment = Storage();
        environment["Aws__Enabled"] = "true";
        environment["Aws__PayerAccountId"] = "111122223333";
        environment["Aws__AccessKeyId"] = "AKIAIOSFODNN7EXAMPLE";
        environment["Aws__SecretAccessKey"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        environment["Aws__CostExplorerEndpoint"] = _stub.Url + "/ce/";

        var result = await CliProcess.RunAsync(environment, "ingest", "aws");

        result.ExitCode.Should().Be(3, result.All);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("error: AWS costs failed: AWS: ").And.Contain("(HTTP 400 AccessDeniedException)")
            .And.Contain("not authorized to perform: ce:GetCostAndUsage").And.Contain("(request id 7f1e2d3c-aaaa-bbbb-cccc-000000000001)");
        result.All.Should().NotContain("wJalrXUtnFEMI");
        NoStackTrace(result);
    }

    [Fact]
    public async Task Azure_refusing_the_query_is_one_line_with_its_code_and_request_id()
    {
        // The app's identity as App Service hands it out (IDENTITY_ENDPOINT / IDENTITY_HEADER), then Cost Management's 403.
        _stub.Given(Request.Create().UsingGet().WithPath("/msi/token").WithHeader("X-IDENTITY-HEADER", "identity-header-secret"))
            .RespondWith(Json(200, """{"access_token":"arm-token","expires_on":"4102444800","resource":"https://management.azure.com/","token_type":"Bearer"}""", "x-ms-request-id", "msi-1"));
        _stub.Given(Request.Create().UsingPost().WithPath("/subscriptions/6f1a2b3c-0000-4000-8000-000000000001/providers/Microsoft.CostManagement/query").WithHeader("Authorization", "Bearer arm-token"))
            .RespondWith(Json(403, """{"error":{"code":"AuthorizationFailed","message":"The client '0b7c3e6a' does not have authorization to perform action 'Microsoft.CostManagement/query/action' over scope '/subscriptions/6f1a2b3c-0000-4000-8000-000000000001'."}}""",
                "x-ms-request-id", "9d8c7b6a-1111-2222-3333-444455556666"));
        var environment = Storage();
        environment["IDENTITY_ENDPOINT"] = _stub.Url + "/msi/token";
        environment["IDENTITY_HEADER"] = "identity-header-secret";
        environment["Azure__Enabled"] = "true";
        environment["Azure__BillingAccountId"] = "1234";
        environment["Azure__Scopes__0"] = "subscriptions/6f1a2b3c-0000-4000-8000-000000000001";
        environment["Azure__ManagementEndpoint"] = _stub.Url + "/";
        environment["Azure__MinSecondsBetweenQueries"] = "0";

        var result = await CliProcess.RunAsync(environment, "ingest", "azure");

        result.ExitCode.Should().Be(3, result.All);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("error: Azure costs failed: Azure: ").And.Contain("(HTTP 403 AuthorizationFailed)")
            .And.Contain("does not have authorization").And.Contain("(x-ms-request-id 9d8c7b6a-1111-2222-3333-444455556666)");
        result.All.Should().NotContain("arm-token").And.NotContain("identity-header-secret");
        NoStackTrace(result);
    }

    [Fact]
    public async Task Google_refusing_the_bigquery_job_is_one_line_with_its_reason()
    {
        _stub.Given(Request.Create().UsingPost().WithPath("/token"))
            .RespondWith(Json(200, """{"access_token":"ya29.test-token","expires_in":3599,"token_type":"Bearer"}""", "x-request-id", "t1"));
        _stub.Given(Request.Create().WithPath("/bigquery/v2/projects/finops-queries/queries"))
            .RespondWith(Json(403, """{"error":{"code":403,"message":"Access Denied: Project finops-queries: User does not have bigquery.jobs.create permission in project finops-queries.","errors":[{"message":"Access Denied","domain":"global","reason":"accessDenied"}],"status":"PERMISSION_DENIED"}}""",
                "x-goog-request-id", "g-5c4b3a"));
        _stub.Given(Request.Create().WithPath("/v1/*")).RespondWith(Json(403, """{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}""", "x-goog-request-id", "g-0"));
        using var key = RSA.Create(2048);
        var credential = new JsonObject
        {
            ["type"] = "service_account", ["project_id"] = "finops-queries", ["private_key_id"] = "k1", ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "pipeline@finops-queries.iam.gserviceaccount.com", ["client_id"] = "1", ["token_uri"] = _stub.Url + "/token",
        };
        var environment = Storage();
        environment["Gcp__Enabled"] = "true";
        environment["Gcp__BillingAccountId"] = "01ABCD-234567-89EF01";
        environment["Gcp__ExportTable"] = "finops-queries.billing.gcp_billing_export_v1_01ABCD_234567_89EF01";
        environment["Gcp__QueryProject"] = "finops-queries";
        environment["Gcp__CredentialJson"] = credential.ToJsonString();
        environment["Gcp__BigQueryEndpoint"] = _stub.Url + "/";
        environment["Gcp__CloudBillingEndpoint"] = _stub.Url + "/";

        var result = await CliProcess.RunAsync(environment, "ingest", "gcp");

        result.ExitCode.Should().Be(3, result.All);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("error: Google Cloud costs failed: Google Cloud: ").And.Contain("(HTTP 403 accessDenied)")
            .And.Contain("bigquery.jobs.create");
        result.All.Should().NotContain("ya29.test-token");
        NoStackTrace(result);
    }

    [Fact]
    public async Task A_provider_setting_missing_is_exit_code_2_naming_the_setting()
    {
        var environment = Storage();
        environment["Oci__Enabled"] = "true";

        var result = await CliProcess.RunAsync(environment, "ingest", "oci");

        result.ExitCode.Should().Be(2, result.All);
        result.ErrorLines.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("error: Oracle Cloud ", StringComparison.Ordinal) && l.Contains("Oci:TenancyId is required when Oci:Enabled is true"));
        NoStackTrace(result);
    }

    [Fact]
    public async Task A_provider_not_enabled_is_exit_code_2_saying_what_to_set()
    {
        var result = await CliProcess.RunAsync(Storage(), "ingest", "aws");

        result.ExitCode.Should().Be(2, result.All);
        result.Output.Should().Contain("AWS is not configured (set Aws__Enabled=true");
    }

    [Fact]
    public async Task An_invalid_pipeline_setting_is_exit_code_2_in_one_line()
    {
        var environment = Storage();
        environment["Storage__TablePrefix"] = "Not-Valid!";

        var result = await CliProcess.RunAsync(environment, "status");

        result.ExitCode.Should().Be(2, result.All);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("error: invalid settings: ").And.Contain("Storage:TablePrefix must be empty or up to 20 lower-case letters");
    }

    private Dictionary<string, string> Oci()
    {
        var environment = Storage();
        environment["Oci__Enabled"] = "true";
        environment["Oci__TenancyId"] = "ocid1.tenancy.oc1..aaaa";
        environment["Oci__UserId"] = "ocid1.user.oc1..bbbb";
        environment["Oci__Fingerprint"] = "20:3b:97:13:55:1c:1c:0d:d3:37:d8:50:4e:c5:3a:34";
        environment["Oci__HomeRegion"] = "us-ashburn-1";
        environment["Oci__PrivateKeyPem"] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oci-signing", "sample-api-key.pem"));
        environment["Oci__UsageEndpoint"] = _stub.Url + "/usage/{region}/";
        environment["Oci__ObjectStorageEndpoint"] = _stub.Url + "/objectstorage/";
        environment["Oci__RetryBudget"] = "00:00:05";
        return environment;
    }

    public void Dispose() => _stub.Stop();
}
