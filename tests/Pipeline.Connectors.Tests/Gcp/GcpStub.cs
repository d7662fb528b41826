using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Gcp;
using Pipeline.Connectors.Gcp.Auth;
using Pipeline.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Connectors.Tests.Gcp;

/// <summary>A WireMock server speaking BigQuery, Cloud Billing and Compute JSON, accepting only the test token.</summary>
internal sealed class GcpStub : IDisposable
{
    public const string Token = "ya29.test-token";
    public const string Account = "01A2B3-C4D5E6-F7A8B9";
    public const string QueryProject = "billing-admin";

    public WireMockServer Server { get; } = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public InstantTimeProvider Time { get; } = new();

    public HttpClient Http { get; } = new();

    public IOptions<GcpOptions> Options(Action<GcpOptions>? configure = null)
    {
        var endpoint = new Uri(Server.Url! + "/");
        var options = new GcpOptions
        {
            Enabled = true, BillingAccountId = Account, ExportTable = "billing-admin.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9",
            QueryProject = QueryProject, BigQueryEndpoint = endpoint, CloudBillingEndpoint = endpoint, ComputeEndpoint = endpoint,
            StsEndpoint = endpoint, IamCredentialsEndpoint = endpoint,
        };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    private readonly ProviderServices _services = new();

    /// <summary>A connector as the host composes it (the named Google client, resilience, bearer), with the test token source and clock.</summary>
    public T Service<T>(Action<GcpOptions>? configure = null) where T : notnull =>
        _services.Get<T, GcpOptions>(GcpProvider.AddServices, Options(configure), Time, overrides: s => s.AddSingleton<IGoogleAccessTokenSource>(new FixedToken()));

    public GcpCostConnector Costs(Action<GcpOptions>? configure = null) => Service<GcpCostConnector>(configure);

    public GcpCapacityConnector Capacity(Action<GcpOptions>? configure = null) => Service<GcpCapacityConnector>(configure);

    public IRequestBuilder Query() => Request.Create().UsingPost().WithPath($"/bigquery/v2/projects/{QueryProject}/queries").WithHeader("Authorization", $"Bearer {Token}");

    public IRequestBuilder Results(string job) => Request.Create().UsingGet().WithPath($"/bigquery/v2/projects/{QueryProject}/queries/{job}").WithHeader("Authorization", $"Bearer {Token}");

    public IRequestBuilder Get(string path) => Request.Create().UsingGet().WithPath(path).WithHeader("Authorization", $"Bearer {Token}");

    public static IResponseBuilder Json(string body, int status = 200) => Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=UTF-8").WithBody(body);

    public static string Error(int code, string reason, string message) =>
        $$"""{ "error": { "code": {{code}}, "message": "{{message}}", "errors": [ { "message": "{{message}}", "domain": "global", "reason": "{{reason}}" } ], "status": "PERMISSION_DENIED" } }""";

    public static readonly string[] StandardColumns =
        ["usage_date", "invoice_month", "project_id", "project_name", "service", "region", "cost_type", "currency", "cost", "discount_credits", "other_credits"];

    public static string Page(string job, string[] columns, string?[][] rows, bool complete = true, string? pageToken = null, int? totalRows = null, long bytes = 1874563) =>
        complete
            ? $$"""
              { "kind": "bigquery#queryResponse",
                "schema": { "fields": [ {{string.Join(", ", columns.Select(c => $$"""{ "name": "{{c}}", "type": "STRING", "mode": "NULLABLE" }"""))}} ] },
                "jobReference": { "projectId": "{{QueryProject}}", "jobId": "{{job}}", "location": "US" },
                "totalRows": "{{totalRows ?? rows.Length}}",
                "rows": [ {{string.Join(", ", rows.Select(r => $$"""{ "f": [ {{string.Join(", ", r.Select(v => v is null ? """{ "v": null }""" : $$"""{ "v": "{{v}}" }"""))}} ] }"""))}} ],
                "totalBytesProcessed": "{{bytes}}", "jobComplete": true, "cacheHit": false
                {{(pageToken is null ? string.Empty : $", \"pageToken\": \"{pageToken}\"")}} }
              """
            : $$"""{ "kind": "bigquery#queryResponse", "jobReference": { "projectId": "{{QueryProject}}", "jobId": "{{job}}", "location": "US" }, "jobComplete": false }""";

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
        Http.Dispose();
    }

    private sealed class FixedToken : IGoogleAccessTokenSource
    {
        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(Token);
    }
}
