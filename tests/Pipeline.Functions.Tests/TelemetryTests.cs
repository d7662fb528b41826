using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Pipeline.Connectors.Azure;
using Pipeline.Http;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace Pipeline.Functions.Tests;

/// <summary>Outgoing calls become dependencies named by provider and call, with no query string (SAS signatures, page tokens).</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_provider_call_is_a_dependency_named_by_provider_and_operation_without_its_query()
    {
        using var stub = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        stub.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{ "value": [] }"""));
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddProviderDependencies().AddInMemoryExporter(exported).Build();
        using var http = new HttpClient();
        const string operation = "subscriptions/6f1a/providers/Microsoft.Compute/locations/eastus/usages";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stub.Url}/{operation}?api-version=2024-07-01&sig=c2VjcmV0&$skiptoken=abc");

        await http.SendAsync(request, ArmErrorClassifier.Instance, new ProviderCallMeter(), operation, CancellationToken.None);
        tracing.ForceFlush();

        // The listener is process-wide: other tests' calls may be recorded too; this stub's port is this test's.
        var call = exported.Where(a => Equals(a.GetTagItem("server.port"), stub.Port)).Should().ContainSingle().Subject;
        call.DisplayName.Should().Be($"Azure {operation}");
        call.GetTagItem(Telemetry.ProviderTag).Should().Be("Azure");
        call.GetTagItem(Telemetry.OperationTag).Should().Be(operation);
        call.GetTagItem("url.full").Should().Be($"{stub.Url}/{operation}");
        call.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty).Should().NotContain(v => v.Contains("sig=", StringComparison.Ordinal) || v.Contains("skiptoken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Any_other_call_keeps_no_query_string_either()
    {
        using var stub = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        stub.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddProviderDependencies().AddInMemoryExporter(exported).Build();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"{stub.Url}/config/commitments.json?sv=2025-01-05&sig=c2VjcmV0"));
        tracing.ForceFlush();

        exported.Where(a => Equals(a.GetTagItem("server.port"), stub.Port)).Should().ContainSingle().Which.GetTagItem("url.full").Should().Be($"{stub.Url}/config/commitments.json");
    }
}
