using System.Globalization;

namespace Pipeline.Core.Money;

/// <summary>
/// Parses monetary amounts exactly into <see cref="decimal"/>. Plain decimal notation takes a fast path
/// (the hot loop of a multi-million-row export); exponents and long mantissas fall back to the BCL parser.
/// Thousands separators and currency symbols are rejected: FOCUS amounts are plain numbers.
/// </summary>
public static class AmountParser
{
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        text = text.Trim();
        if (TryParseFast(text, out value))
        {
            return true;
        }

        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseFast(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        var any = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                any = true;
                if (mantissa == 0 && c == '0')
                {
                    // Leading zeros do not use up mantissa precision.
                }
                else if (++digits > 19)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (ulong)(c - '0');
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (!any || scale > 28)
        {
            return false;
        }

        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }
}
