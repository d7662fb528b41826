using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Pipeline.Http;

/// <summary>
/// The one retry strategy of every provider call, a Polly retry in the <see cref="ResilienceHandler"/> that sits outside
/// the signing handler (each attempt is signed afresh). It retries connection failures and what the provider's classifier
/// calls retryable, waiting for the longer of the jittered backoff and the provider's own hint, while the total wait
/// since the first failure stays inside the provider's budget (a hint beyond it ends the call at once). Every retry and
/// throttled wait is counted on the request's <see cref="ProviderCallMeter"/>. The last response goes back to the caller;
/// when it is still retryable, the budget ran out.
/// </summary>
public static class ProviderResilience
{
    private static readonly ResiliencePropertyKey<RetryBudget> s_budget = new("Pipeline.RetryBudget");
    private static readonly ResiliencePropertyKey<PlannedRetry> s_planned = new("Pipeline.PlannedRetry");

    /// <summary>Adds the provider's retry to a pipeline (what <c>AddResilienceHandler</c> and <see cref="Handler"/> both build).</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IProviderErrorClassifier classifier, ProviderRetryOptions retry, TimeProvider time)
    {
        builder.TimeProvider = time;
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = "provider-retry",
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, classifier, retry, time),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(s_planned, default).Delay),
            OnRetry = args =>
            {
                var planned = args.Context.Properties.GetValue(s_planned, default);
                if (args.Context.GetRequestMessage()?.Options.TryGetValue(ProviderCallMeter.Key, out var meter) == true)
                {
                    meter.Retry(planned.Delay, planned.Throttled);
                }

                return default;
            },
        });
    }

    /// <summary>The resilience handler outside a hand-built chain (tests); the host's clients get theirs from <c>AddResilienceHandler</c>.</summary>
    public static ResilienceHandler Handler(IProviderErrorClassifier classifier, ProviderRetryOptions retry, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, classifier, retry, time);
        return new ResilienceHandler(builder.Build());
    }

    /// <summary>The <c>Retry-After</c> header as a wait (seconds or a date, never negative), if the response has one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, IProviderErrorClassifier classifier,
        ProviderRetryOptions retry, TimeProvider time)
    {
        bool throttled;
        TimeSpan? hint;
        if (outcome.Exception is HttpRequestException)
        {
            (throttled, hint) = (false, null);
        }
        else if (outcome.Result is { IsSuccessStatusCode: false } response)
        {
            // Buffered, so the classifier and then the caller can both read it.
            await response.Content.LoadIntoBufferAsync(context.CancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false);
            var error = classifier.Classify((int)response.StatusCode, response.Headers, body);
            if (!error.Retryable)
            {
                return false;
            }

            (throttled, hint) = (error.Throttled, error.RetryAfter);
        }
        else
        {
            return false;
        }

        if (!context.Properties.TryGetValue(s_budget, out var budget))
        {
            budget = new RetryBudget(retry.Budget, retry.BaseDelay, retry.MaxDelay, time);
            context.Properties.Set(s_budget, budget);
        }

        if (budget.Next(hint) is not { } delay)
        {
            return false;
        }

        context.Properties.Set(s_planned, new PlannedRetry(delay, throttled));
        return true;
    }

    private readonly record struct PlannedRetry(TimeSpan Delay, bool Throttled);
}
