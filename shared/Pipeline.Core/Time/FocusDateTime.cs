using System.Globalization;

namespace Pipeline.Core.Time;

/// <summary>
/// Parses the date/time spellings real FOCUS files use: ISO 8601 with <c>Z</c> or an offset,
/// <c>YYYY-MM-DD HH:MM:SS</c> without a zone (meaning UTC), and a bare date. Ambiguous local formats
/// such as <c>5/1/25</c> are rejected rather than guessed.
/// </summary>
public static class FocusDateTime
{
    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>Parses to a UTC instant.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime utc)
    {
        text = text.Trim();
        if (TryParseUtcFast(text, out utc))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, s_formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    /// <summary>
    /// The common shapes (<c>2024-01-01T05:00:00Z</c>, <c>2024-01-01 05:00:00</c>, <c>2024-01-01</c>) parsed
    /// without the BCL's general machinery; anything with an offset goes the slow way.
    /// </summary>
    private static bool TryParseUtcFast(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        var rest = s[10..];
        if (!rest.IsEmpty)
        {
            if (rest.Length < 9 || (rest[0] != 'T' && rest[0] != ' ') || rest[3] != ':' || rest[6] != ':'
                || !TryDigits(rest.Slice(1, 2), out hour) || !TryDigits(rest.Slice(4, 2), out minute) || !TryDigits(rest.Slice(7, 2), out second))
            {
                return false;
            }

            var tail = rest[9..];
            if (!tail.IsEmpty && tail[0] == '.')
            {
                var end = 1;
                while (end < tail.Length && char.IsAsciiDigit(tail[end]))
                {
                    end++;
                }

                // Sub-second precision never changes the charge day; keep it out of the fast path's result.
                tail = tail[end..];
            }

            if (!(tail.IsEmpty || (tail.Length == 1 && tail[0] == 'Z')))
            {
                return false;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
