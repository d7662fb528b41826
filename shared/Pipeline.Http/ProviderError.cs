namespace Pipeline.Http;

/// <summary>
/// A provider's failed response as its classifier reads it: whether another attempt may succeed, whether that is
/// throttling (its wait is counted as throttled time), the provider's error code and message, and the wait it asks for.
/// </summary>
public sealed record ProviderError(bool Retryable, bool Throttled, string Code, string Message, TimeSpan? RetryAfter = null);
