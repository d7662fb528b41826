using Pipeline.Core.Text;

namespace Pipeline.Connectors.Focus;

/// <summary>
/// Remembers the last value seen in one column. Exports are sorted, so consecutive rows mostly repeat the
/// provider, account, currency and period, and a vectorized compare is far cheaper than a hash lookup.
/// </summary>
internal sealed class InternCache
{
    private char[] _last = new char[64];
    private int _length = -1;
    private int _id;

    public int GetId(ReadOnlySpan<char> value, StringPool pool)
    {
        if (_length == value.Length && value.SequenceEqual(_last.AsSpan(0, _length)))
        {
            return _id;
        }

        _id = pool.GetId(value);
        if (value.Length > _last.Length)
        {
            _last = new char[Math.Max(value.Length, _last.Length * 2)];
        }

        value.CopyTo(_last);
        _length = value.Length;
        return _id;
    }
}
