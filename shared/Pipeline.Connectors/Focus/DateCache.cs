using Pipeline.Core.Time;

namespace Pipeline.Connectors.Focus;

/// <summary>Parses a date/time column, reusing the previous result while the text repeats (hourly rows share it).</summary>
internal sealed class DateCache
{
    private char[] _last = new char[40];
    private int _length = -1;
    private DateTime _value;

    public bool TryParse(ReadOnlySpan<char> text, out DateTime utc)
    {
        if (_length == text.Length && text.SequenceEqual(_last.AsSpan(0, _length)))
        {
            utc = _value;
            return true;
        }

        if (!FocusDateTime.TryParse(text, out utc))
        {
            return false;
        }

        if (text.Length > _last.Length)
        {
            _last = new char[text.Length];
        }

        text.CopyTo(_last);
        _length = text.Length;
        _value = utc;
        return true;
    }
}
