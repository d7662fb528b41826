namespace Pipeline.Http;

/// <summary>
/// What a classifier knows about a call that finally failed, beyond the provider's error: the status, the operation as
/// errors name it, whether the retry budget ran out on a retryable error, and how long the pull had waited on throttling.
/// </summary>
public sealed record FailedCall(int Status, string Operation, bool BudgetSpent, TimeSpan ThrottledFor);
