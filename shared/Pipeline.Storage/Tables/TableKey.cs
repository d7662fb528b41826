using System.Text;

namespace Pipeline.Storage.Tables;

/// <summary>
/// Reversible escaping of values used inside PartitionKey / RowKey. Table Storage forbids <c>/ \ # ?</c> and
/// control characters in keys; we also escape <c>|</c> (our key separator) and <c>%</c> (the escape character),
/// as <c>%XX</c> upper-case hex, so <c>a/b|c</c> becomes <c>a%2Fb%7Cc</c> and unescapes to the original.
/// </summary>
public static class TableKey
{
    public const char Separator = '|';

    public static string Escape(string value)
    {
        if (!value.AsSpan().ContainsAny(s_escaped) && !HasControl(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (MustEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && int.TryParse(value.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Joins escaped parts with <see cref="Separator"/>.</summary>
    public static string Join(params string[] parts) => string.Join(Separator, parts.Select(Escape));

    private static readonly System.Buffers.SearchValues<char> s_escaped = System.Buffers.SearchValues.Create("/\\#?|%");

    private static bool MustEscape(char c) => s_escaped.Contains(c) || char.IsControl(c);

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
