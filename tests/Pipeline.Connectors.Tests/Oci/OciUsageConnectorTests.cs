using Pipeline.Http;
using System.Text.Json;
using Pipeline.Connectors.Common;
using Pipeline.Core.Costs;

namespace Pipeline.Connectors.Tests.Oci;

/// <summary>The Usage API through the signing handler against a stub that speaks its JSON and headers.</summary>
public sealed class OciUsageConnectorTests : IDisposable
{
    private static readonly DateOnly From = new(2025, 6, 1);
    private static readonly DateOnly To = new(2025, 6, 3);
    private readonly OciStub _oci = new();

    [Fact]
    public async Task Pages_are_followed_with_the_same_body_and_blank_currency_null_amount_and_forecast_rows_handled()
    {
        _oci.Server.Given(_oci.UsagePost()).AtPriority(5).RespondWith(OciStub.Json($$"""
            { "groupBy": ["compartmentId","compartmentName","service","region"], "items": [
              {{OciStub.Item("2025-06-01", "Compute", "us-ashburn-1", 2412.8832m)}},
              {{OciStub.Item("2025-06-01", "Object Storage", "us-ashburn-1", 18.2201m, currency: " ")}} ] }
            """, nextPage: "AAAAAQ=="));
        _oci.Server.Given(_oci.UsagePost().WithParam("page", "AAAAAQ==")).AtPriority(1).RespondWith(OciStub.Json($$"""
            { "groupBy": [], "items": [
              {{OciStub.Item("2025-06-02", "Generative AI", null, 42.5m)}},
              {{OciStub.Item("2025-06-02", "Block Storage", "us-chicago-1", null)}},
              {{OciStub.Item("2025-06-02", "Compute", "us-ashburn-1", 9999m, forecast: true)}} ] }
            """));

        var meter = new ProviderCallMeter();
        var (rows, _) = await _oci.Usage(o => o.Currency = "usd").PullAsync(From, To, meter);

        meter.Requests.Should().Be(2);
        rows.Should().HaveCount(3, "the null amount and the forecast are skipped");
        var compute = rows.Single(r => r.ServiceName == "Compute");
        (compute.BilledCost, compute.EffectiveCost, compute.BillingAccountId, compute.BillingAccountName, compute.SubAccountId, compute.SubAccountName, compute.RegionId, compute.ServiceCategory)
            .Should().Be((2412.8832m, 2412.8832m, OciStub.Tenancy, "oci-ai-tenancy", "ocid1.compartment.oc1..gpu", "gpu", "us-ashburn-1", "Compute"));
        rows.Single(r => r.ServiceName == "Object Storage").BillingCurrency.Should().Be("USD", "a blank currency is the tenancy's Oci:Currency");
        rows.Single(r => r.ServiceName == "Generative AI").Should().Match<CostRow>(r => r.RegionId == null && r.ServiceCategory == "AI and Machine Learning");

        var bodies = _oci.Server.LogEntries.Select(e => e.RequestMessage.Body).ToList();
        bodies.Distinct().Should().ContainSingle("the next page is requested with the identical body");
        var request = JsonDocument.Parse(bodies[0]!).RootElement;
        (request.GetProperty("timeUsageStarted").GetString(), request.GetProperty("timeUsageEnded").GetString(), request.GetProperty("granularity").GetString(), request.GetProperty("queryType").GetString())
            .Should().Be(("2025-06-01T00:00:00Z", "2025-06-03T00:00:00Z", "DAILY", "COST"));
    }

    [Fact]
    public async Task A_precision_error_is_reported_with_the_service_message()
    {
        _oci.Server.Given(_oci.UsagePost()).RespondWith(OciStub.Json(
            """{"code":"InvalidParameter","message":"Passed UTC date does not have the right precision: hours, minutes, seconds, and second fractions must be 0"}""", 400));

        var act = () => _oci.Usage().PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderRequestException>()).WithMessage("*InvalidParameter*right precision*");
    }

    [Fact]
    public async Task An_unreadable_key_fails_the_pull_naming_the_setting_without_echoing_it_and_sends_nothing()
    {
        const string Broken = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----";

        var act = () => _oci.Usage(o => o.PrivateKeyPem = Broken).PullAsync(From, To);

        var error = (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        error.Should().StartWith("Oci:PrivateKeyPem could not be read as an RSA private key").And.NotContain("c2VjcmV0");
        _oci.Server.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_signature_names_the_clock_and_the_key_settings()
    {
        _oci.Server.Given(_oci.UsagePost()).RespondWith(OciStub.Json("""{"code":"NotAuthenticated","message":"The required information to complete authentication was not provided or was incorrect."}""", 401));

        var act = () => _oci.Usage().PullAsync(From, To);

        var error = (await act.Should().ThrowAsync<ProviderUnauthorizedException>()).Which.Message;
        error.Should().Contain("NotAuthenticated").And.Contain("clock").And.Contain("Oci:Fingerprint").And.NotContain("PRIVATE KEY");
        _oci.Server.LogEntries.Should().HaveCount(1, "authentication failures are not retried");
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_with_a_fresh_signature()
    {
        var calls = 0;
        _oci.Server.Given(_oci.UsagePost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(_ =>
        {
            var n = Interlocked.Increment(ref calls);
            return new WireMock.ResponseMessage
            {
                StatusCode = n switch { 1 => 429, 2 => 500, _ => 200 },
                Headers = n == 1
                    ? new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json"), ["Retry-After"] = new("5") }
                    : new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = n switch
                    {
                        1 => """{"code":"TooManyRequests","message":"Too many requests for the user"}""",
                        2 => """{"code":"InternalServerError","message":"Internal Service Error, please try again"}""",
                        _ => $$"""{ "items": [ {{OciStub.Item("2025-06-01", "Compute", "us-ashburn-1", 1m)}} ] }""",
                    },
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            };
        }));

        var rows = (await _oci.Usage().PullAsync(From, To)).Rows;

        (calls, rows.Count).Should().Be((3, 1));
        var attempts = _oci.Server.LogEntries.Select(e => e.RequestMessage.Headers!).ToList();
        attempts.Select(h => h["opc-request-id"].Single()).Distinct().Should().ContainSingle("one logical request keeps its id across retries, as the OCI SDKs do, so support can trace it");
        var dates = attempts.Select(h => DateTimeOffset.Parse(h.Single(kv => kv.Key.Equals("date", StringComparison.OrdinalIgnoreCase)).Value.Single(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        dates[1].Should().BeOnOrAfter(dates[0].AddSeconds(5), "the retry after Retry-After: 5 is signed afresh with the later date");
        var signatures = attempts.Select(h => h.Single(kv => kv.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value.Single()).ToList();
        signatures[1].Should().NotBe(signatures[0], "a signature over the old date would be refused as stale");
    }

    [Theory]
    [InlineData("""{ "items": [ { "timeUsageStarted": "2025-06-01T00:00:00.000Z", "computedAmount": 1 """, "malformed or truncated JSON")]
    [InlineData("""{ "items": [ { "timeUsageStarted": "2025-06-01T05:00:00.000Z", "computedAmount": 1, "currency": "USD" } ] }""", "not at midnight UTC")]
    [InlineData("""{ "items": [ { "timeUsageStarted": "2025-06-01T00:00:00.000Z", "computedAmount": "1", "currency": "USD" } ] }""", "is not a number")]
    [InlineData("""{ "items": [ { "timeUsageStarted": "2025-06-01T00:00:00.000Z", "computedAmount": 1, "currency": "ZZZ" } ] }""", "currency 'ZZZ'")]
    public async Task Malformed_responses_fail_with_the_cause(string body, string cause)
    {
        _oci.Server.Given(_oci.UsagePost()).RespondWith(OciStub.Json(body));

        var act = () => _oci.Usage().PullAsync(From, To);

        (await act.Should().ThrowAsync<ProviderBadResponseException>()).Which.Message.Should().Contain(cause);
    }

    public void Dispose() => _oci.Dispose();
}
