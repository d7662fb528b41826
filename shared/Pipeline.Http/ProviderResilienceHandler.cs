using System.Net.Http.Headers;

namespace Pipeline.Http;

/// <summary>
/// The one retry loop of every provider: it sits outside the signing handler (each attempt is signed afresh) and
/// retries connection failures and what the provider's classifier calls retryable, waiting for the longer of the
/// jittered backoff and the provider's own hint, while the total wait stays inside the budget (a hint beyond it ends
/// the loop at once). Every attempt, retry and throttled wait is counted on the request's <see cref="ProviderCallMeter"/>.
/// The last response goes back to the caller, marked when the budget ran out (<see cref="BudgetSpentKey"/>), so the
/// failure it becomes can say so.
/// </summary>
public sealed class ProviderResilienceHandler(IProviderErrorClassifier classifier, ProviderRetryOptions retry, TimeProvider time) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<bool> BudgetSpentKey = new("Pipeline.RetryBudgetSpent");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var budget = new RetryBudget(retry.Budget, retry.BaseDelay, retry.MaxDelay, time);
        request.Options.TryGetValue(ProviderCallMeter.Key, out var meter);
        while (true)
        {
            meter?.Attempt();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                if (budget.Next() is { } wait)
                {
                    meter?.Retry(wait, throttled: false);
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ProviderUnavailableException(classifier.Provider, $"{request.RequestUri?.Host} unreachable: {ex.Message}");
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            // Buffered, so the classifier and then the caller can both read it.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = classifier.Classify((int)response.StatusCode, response.Headers, body);
            if (!error.Retryable)
            {
                return response;
            }

            if (budget.Next(error.RetryAfter) is not { } delay)
            {
                request.Options.Set(BudgetSpentKey, true);
                return response;
            }

            meter?.Retry(delay, error.Throttled);
            response.Dispose();
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The <c>Retry-After</c> header as a wait (seconds or a date), if the response has one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };
}
