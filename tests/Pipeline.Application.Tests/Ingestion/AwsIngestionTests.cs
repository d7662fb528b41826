using Pipeline.Http;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Common;
using Pipeline.Core.Runs;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Runs;
using Pipeline.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Ingestion;

/// <summary>AWS Cost Explorer through the production composition, against a WireMock Cost Explorer and Azurite.</summary>
public sealed class AwsIngestionTests : IDisposable
{
    private readonly WireMockServer _ce = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly InstantTimeProvider _time = new(TestClock.Now);

    private Microsoft.Extensions.Hosting.IHost Host(string prefix) => PipelineTestHost.Create(prefix, new Dictionary<string, string?>
    {
        ["Aws:Enabled"] = "true",
        ["Aws:PayerAccountId"] = "123456789012",
        ["Aws:LinkedAccounts:0"] = "111122223333",
        ["Aws:WindowDays"] = "3",
        ["Aws:CostExplorerEndpoint"] = _ce.Url + "/",
        ["Aws:AccessKeyId"] = "AKIDEXAMPLE",
        ["Aws:SecretAccessKey"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ["Aws:RetryBudget"] = "00:00:01",
    }, _time);

    /// <summary>Cost Explorer answering the usage query with <paramref name="body"/>; the query for the other record types has none (when it succeeds).</summary>
    private void RespondWith(string body, int status = 200)
    {
        _ce.Given(Request.Create().WithPath("/").UsingPost()).AtPriority(5)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/x-amz-json-1.1").WithBody(body));
        if (status == 200)
        {
            _ce.Given(Request.Create().WithPath("/").UsingPost().WithBody((string? b) => b!.Contains("\"Key\":\"RECORD_TYPE\"},", StringComparison.Ordinal))).AtPriority(1)
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/x-amz-json-1.1").WithBody("""{ "ResultsByTime": [] }"""));
        }
    }

    private static string Page(DateOnly day, string amount) => $$"""
        { "ResultsByTime": [ { "TimePeriod": {"Start":"{{day:yyyy-MM-dd}}","End":"{{day.AddDays(1):yyyy-MM-dd}}"}, "Total": {}, "Estimated": true,
          "Groups": [ { "Keys": ["Amazon Elastic Compute Cloud - Compute","us-east-1"], "Metrics": { "UnblendedCost": {"Amount":"{{amount}}","Unit":"USD"}, "NetAmortizedCost": {"Amount":"{{amount}}","Unit":"USD"} } } ] } ] }
        """;

    [Fact]
    public async Task A_failed_pull_is_recorded_with_its_paid_calls_and_leaves_stored_costs_untouched()
    {
        var prefix = TestStorage.NewPrefix();
        using var host = Host(prefix);
        var aws = host.Services.GetRequiredKeyedService<IProviderIngestion>("aws");
        var yesterday = TestClock.Today.AddDays(-1);
        RespondWith(Page(yesterday, "100.5"));
        var first = await aws.IngestCostsAsync();
        first.Run.PaidApiCalls.Should().Be(2, "usage and the other record types, one paid call each");

        _time.Advance(TimeSpan.FromHours(1));
        _ce.Reset();
        RespondWith("""{"__type":"InternalFailure","Message":"boom"}""", 503);
        var act = () => aws.IngestCostsAsync();

        await act.Should().ThrowAsync<ProviderUnavailableException>();
        var rows = new List<Pipeline.Core.Costs.CostRow>();
        await foreach (var row in host.Services.GetRequiredService<CostStore>().QueryAsync())
        {
            rows.Add(row);
        }

        rows.Should().ContainSingle().Which.Should().Match<Pipeline.Core.Costs.CostRow>(r => r.BilledCost == 100.5m && r.Estimated && r.Source == "aws-cost-explorer");
        RunRecord? failed = null;
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(1))
        {
            failed = run;
        }

        failed!.Status.Should().Be(RunStatus.Failed);
        (failed.PaidApiCalls, failed.ApiCalls).Should().Be((1, 1), "the failed pull's one request is still recorded, paid once however often it was retried");
        failed.Error.Should().Contain("HTTP 503");
    }

    [Fact]
    public async Task A_restated_day_replaces_the_window_and_a_vanished_day_is_deleted()
    {
        using var host = Host(TestStorage.NewPrefix());
        var aws = host.Services.GetRequiredKeyedService<IProviderIngestion>("aws");
        var yesterday = TestClock.Today.AddDays(-1);
        RespondWith(Page(yesterday, "100.5"));
        await aws.IngestCostsAsync();
        _ce.Reset();
        RespondWith(Page(yesterday.AddDays(-1), "42"));

        var second = await aws.IngestCostsAsync();

        (second.Run.RowsUpserted, second.Run.RowsDeleted).Should().Be((1, 1));
        second.Evaluations.Should().ContainSingle().Which.ProviderName.Should().Be("AWS");
    }

    [Fact]
    public async Task A_failed_capacity_pull_is_recorded_in_runs_and_propagates()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix(), new Dictionary<string, string?>
        {
            ["Aws:Enabled"] = "true", ["Aws:PayerAccountId"] = "123456789012", ["Aws:Regions:0"] = "us-east-1", ["Aws:ServiceQuotasEndpoint"] = _ce.Url + "/quotas/{region}/",
            ["Aws:AccessKeyId"] = "AKIDEXAMPLE", ["Aws:SecretAccessKey"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ["Aws:RetryBudget"] = "00:00:01",
        }, _time);
        _ce.Given(Request.Create().WithPath("/quotas/us-east-1/").UsingPost()).RespondWith(Response.Create().WithStatusCode(403)
            .WithHeader("Content-Type", "application/x-amz-json-1.1").WithBody("""{"__type":"AccessDeniedException","Message":"User is not authorized to perform servicequotas:GetServiceQuota"}"""));

        var act = () => host.Services.GetRequiredKeyedService<IProviderIngestion>("aws").IngestCapacityAsync();

        await act.Should().ThrowAsync<ProviderUnauthorizedException>();
        RunRecord? failed = null;
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(1))
        {
            failed = run.Source == "aws-capacity" ? run : failed;
        }

        (failed!.Status, failed.Location).Should().Be((RunStatus.Failed, "AWS us-east-1"));
        failed.Error.Should().Contain("AccessDeniedException").And.Contain("not authorized");
    }

    public void Dispose() => _ce.Stop();
}
