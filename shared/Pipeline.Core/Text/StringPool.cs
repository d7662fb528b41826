namespace Pipeline.Core.Text;

/// <summary>
/// Interns dimension values read as spans, so that a multi-million-row export allocates one string per
/// distinct value and the aggregation key is a handful of integers. Id 0 is reserved for null / empty.
/// Not thread-safe: one pool per reader.
/// </summary>
public sealed class StringPool
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string?> _values = [null];

    public StringPool()
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _values.Count - 1;

    public string? this[int id] => _values[id];

    public int GetId(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        if (_lookup.TryGetValue(value, out var id))
        {
            return id;
        }

        return Add(value.ToString());
    }

    public int GetId(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        return _ids.TryGetValue(value, out var id) ? id : Add(value);
    }

    private int Add(string value)
    {
        var id = _values.Count;
        _values.Add(value);
        _ids.Add(value, id);
        return id;
    }
}
