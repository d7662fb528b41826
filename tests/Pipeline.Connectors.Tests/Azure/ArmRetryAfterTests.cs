using Pipeline.Http;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Common;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>Broken throttling headers from ARM (NaN, Infinity, absurd or negative seconds) are clamped or ignored, never an overflow.</summary>
public sealed class ArmRetryAfterTests : IDisposable
{
    private readonly AzureStub _azure = new();

    private void ThrottledOnceWith(string header, string value)
    {
        _azure.OtherCharges("subscriptions/sub-z");
        var calls = 0;
        _azure.Server.Given(_azure.Query("subscriptions/sub-z")).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(_ => Interlocked.Increment(ref calls) == 1
            ? new WireMock.ResponseMessage
            {
                StatusCode = 429,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { [header] = new(value) },
                BodyData = new WireMock.Util.BodyData { BodyAsString = """{"error":{"code":"429","message":"Too many requests."}}""", DetectedBodyType = WireMock.Types.BodyType.String },
            }
            : new WireMock.ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = AzureStub.QueryResult(["Cost", "UsageDate", "ServiceName", "ResourceLocation", "Currency"], """[ 5, 20250601, "Storage", "eastus", "USD" ]"""),
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            }));
    }

    private AzureCostManagementConnector Connector() =>
        _azure.Connector<AzureCostManagementConnector>(o => { o.Scopes = ["subscriptions/sub-z"]; o.RetryBudget = TimeSpan.FromMinutes(2); });

    [Theory]
    [InlineData("Retry-After", "NaN")]
    [InlineData("Retry-After", "-5")]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "NaN")]
    public async Task A_meaningless_hint_is_ignored_and_the_query_retried_with_backoff(string header, string value)
    {
        ThrottledOnceWith(header, value);

        var pull = await Connector().PullAsync(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 2));

        pull.Rows.Should().ContainSingle().Which.BilledCost.Should().Be(5m);
    }

    [Theory]
    [InlineData("Retry-After", "Infinity")]
    [InlineData("Retry-After", "1e300")]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "9999999999999")]
    public async Task An_absurd_hint_is_clamped_and_ends_the_pull_as_throttled_within_the_budget(string header, string value)
    {
        ThrottledOnceWith(header, value);

        var act = () => Connector().PullAsync(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 2));

        (await act.Should().ThrowAsync<ProviderThrottledException>()).WithMessage("*still throttled after the retry budget*");
        ArmErrorClassifier.MaxRetryAfter.Should().Be(TimeSpan.FromDays(1));
    }

    public void Dispose() => _azure.Dispose();
}
