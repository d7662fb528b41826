namespace Pipeline.Core.Ingestion;

/// <summary>The source data cannot be ingested as a whole; <see cref="Errors"/> says where and why.</summary>
public sealed class InvalidSourceDataException(SourceErrorLog errors) : Exception(errors.Summarize())
{
    public SourceErrorLog Errors { get; } = errors;
}
