namespace Pipeline.Core.Ingestion;

/// <summary>One problem found in source data: the file, the 1-based line (when known), the column and why.</summary>
public sealed record SourceError(string File, long? Line, string? Column, string Message)
{
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}" : File;
        return Column is null ? $"{where}: {Message}" : $"{where}: column {Column}: {Message}";
    }
}
