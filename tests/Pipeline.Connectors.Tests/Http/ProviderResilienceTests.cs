using Pipeline.Http;
using Pipeline.Testing;

namespace Pipeline.Connectors.Tests.Http;

/// <summary>
/// The one retry loop every provider call passes through: what it retries, what it counts on the pull's meter, when it
/// stops, and that each attempt goes through the signing handler again.
/// </summary>
public sealed class ProviderResilienceTests
{
    private readonly InstantTimeProvider _time = new();
    private readonly ProviderCallMeter _meter = new();

    private (HttpClient Client, ScriptedHandler Transport, TestClassifier Classifier) Pipeline(TimeSpan budget, params Func<HttpResponseMessage>[] script)
    {
        var transport = new ScriptedHandler(script);
        var classifier = new TestClassifier(_time);
        var signing = new BearerTokenHandler(new StaticTokenCredential("t0k3n"), "https://test/.default", _time);
        var chain = ProviderHttp.Chain(classifier, new ProviderRetryOptions(budget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), _time, signing, transport);
        return (new HttpClient(chain), transport, classifier);
    }

    private static HttpRequestMessage Get() => new(HttpMethod.Get, "https://api.test.example/v1/costs");

    [Fact]
    public async Task A_server_error_is_retried_and_every_attempt_is_signed_and_counted()
    {
        var (client, transport, classifier) = Pipeline(TimeSpan.FromMinutes(1), ScriptedHandler.Status(503), ScriptedHandler.Status(502), ScriptedHandler.Status(200, """{"ok":true}"""));

        var response = await client.SendAsync(Get(), classifier, _meter, "costs", CancellationToken.None);

        response.Body.Should().Be("""{"ok":true}""");
        transport.Authorizations.Should().Equal(Enumerable.Repeat("Bearer t0k3n", 3));
        (_meter.Requests, _meter.Attempts, _meter.Retries, _meter.ThrottledFor).Should().Be((1, 3, 2, TimeSpan.Zero), "server errors are retries, not throttling");
    }

    [Fact]
    public async Task Throttled_waits_take_the_providers_hint_and_are_counted_as_throttled_time()
    {
        var (client, _, classifier) = Pipeline(TimeSpan.FromMinutes(1),
            ScriptedHandler.Status(429, headers: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(12))),
            ScriptedHandler.Status(429, headers: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(20))),
            ScriptedHandler.Status(200));

        await client.SendAsync(Get(), classifier, _meter, "costs", CancellationToken.None);

        _meter.ThrottledFor.Should().Be(TimeSpan.FromSeconds(32));
        _time.Waits.Should().Equal(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_request_the_provider_rejects_is_not_retried_and_fails_with_its_error()
    {
        var (client, transport, classifier) = Pipeline(TimeSpan.FromMinutes(1), ScriptedHandler.Status(400, "bad filter"), ScriptedHandler.Status(200));

        var act = () => client.SendAsync(Get(), classifier, _meter, "costs", CancellationToken.None);

        (await act.Should().ThrowAsync<ProviderRequestException>()).WithMessage("Test Cloud: Rejected: costs: bad filter");
        transport.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_hint_beyond_the_budget_ends_the_call_at_once_marked_as_budget_spent()
    {
        var (client, transport, classifier) = Pipeline(TimeSpan.FromSeconds(30),
            ScriptedHandler.Status(429, headers: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(5))));

        var act = () => client.SendAsync(Get(), classifier, _meter, "costs", CancellationToken.None);

        (await act.Should().ThrowAsync<ProviderThrottledException>()).WithMessage("*budget spent: True, waited 0 s*");
        transport.Attempts.Should().Be(1);
        _time.Waits.Should().BeEmpty("waiting five minutes would overrun a 30-second budget");
    }

    [Fact]
    public async Task Persistent_server_errors_stop_within_the_budget()
    {
        var (client, transport, classifier) = Pipeline(TimeSpan.FromSeconds(20), ScriptedHandler.Status(500));

        var act = () => client.SendAsync(Get(), classifier, _meter, "costs", CancellationToken.None);

        (await act.Should().ThrowAsync<ProviderUnavailableException>()).WithMessage("Test Cloud: costs HTTP 500 (budget spent: True)");
        _time.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(20));
        transport.Attempts.Should().Be(_meter.Attempts).And.BeGreaterThan(1);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported_as_unavailable_naming_the_host()
    {
        var (client, transport, classifier) = Pipeline(TimeSpan.FromSeconds(10), ScriptedHandler.Refused(), ScriptedHandler.Status(200));

        await client.SendAsync(Get(), classifier, _meter, "costs", CancellationToken.None);
        transport.Attempts.Should().Be(2);

        var (failing, _, failingClassifier) = Pipeline(TimeSpan.FromSeconds(10), ScriptedHandler.Refused());
        var act = () => failing.SendAsync(Get(), failingClassifier, new ProviderCallMeter(), "costs", CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderUnavailableException>()).WithMessage("Test Cloud: api.test.example unreachable: Connection refused*");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(90, 90)]
    [InlineData(-30, 0)]
    public void A_retry_after_date_is_the_wait_until_it_never_negative(int secondsFromNow, int expected)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(secondsFromNow));

        ProviderResilience.RetryAfter(response.Headers, _time).Should().Be(TimeSpan.FromSeconds(expected));
    }
}
