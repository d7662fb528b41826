namespace Pipeline.Http;

/// <summary>
/// How long a provider call may keep retrying in all (<see cref="Budget"/>, each provider's <c>RetryBudget</c> setting)
/// and the exponential backoff between attempts when the provider asks for no particular wait.
/// </summary>
public sealed record ProviderRetryOptions(TimeSpan Budget, TimeSpan BaseDelay, TimeSpan MaxDelay);
