namespace Pipeline.Core.Runs;

/// <summary>One execution of an ingestion source, as recorded in the <c>runs</c> table.</summary>
public sealed record RunRecord
{
    /// <summary>What a failed run records as its Error: the exception's message, scrubbed of secrets, or "cancelled".</summary>
    public static string ErrorOf(Exception exception) =>
        Diagnostics.SecretScrubber.Scrub(exception is OperationCanceledException ? "cancelled" : exception.Message);

    public required string RunId { get; init; }

    /// <summary>The source, e.g. <c>focus-exports</c>; the <c>runs</c> PartitionKey.</summary>
    public required string Source { get; init; }

    public required RunStatus Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>What was read (a path or URL without credentials).</summary>
    public string? Location { get; init; }

    public DateOnly? WindowStart { get; init; }

    /// <summary>Exclusive end of the replaced window.</summary>
    public DateOnly? WindowEnd { get; init; }

    public long RowsRead { get; init; }

    public int RowsUpserted { get; init; }

    public int RowsDeleted { get; init; }

    public int RowsUnchanged { get; init; }

    public long RowErrors { get; init; }

    /// <summary>Calls to APIs that charge per request (Cost Explorer) or per byte (BigQuery).</summary>
    public int PaidApiCalls { get; init; }

    /// <summary>All provider API calls of the run, free ones included (e.g. Cost Management queries).</summary>
    public int ApiCalls { get; init; }

    /// <summary>Seconds the run waited because the provider throttled it (HTTP 429 and its retry-after headers).</summary>
    public double ThrottledSeconds { get; init; }

    /// <summary>Bytes the provider's query engine processed and bills for (BigQuery), 0 where not applicable.</summary>
    public long BytesScanned { get; init; }

    /// <summary>What went wrong, for a failed run. Never contains a secret.</summary>
    public string? Error { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;
}
