namespace Pipeline.Core.Ingestion;

/// <summary>
/// Collects every problem found while reading a source. All are counted; the first <see cref="MaxSamples"/>
/// are kept with their line numbers so a report stays readable for a file with a million bad rows.
/// </summary>
public sealed class SourceErrorLog
{
    public const int MaxSamples = 100;

    private readonly List<SourceError> _samples = [];

    public long Count { get; private set; }

    public IReadOnlyList<SourceError> Samples => _samples;

    public bool HasErrors => Count > 0;

    public void Add(SourceError error)
    {
        Count++;
        if (_samples.Count < MaxSamples)
        {
            _samples.Add(error);
        }
    }

    public void Add(string file, long? line, string? column, string message) => Add(new SourceError(file, line, column, message));

    public string Summarize(int max = 10)
    {
        var lines = _samples.Take(max).Select(e => "  " + e);
        var more = Count > max ? $"{Environment.NewLine}  ... and {Count - max} more" : string.Empty;
        return $"{Count} problem(s) in the source data; nothing was written:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
