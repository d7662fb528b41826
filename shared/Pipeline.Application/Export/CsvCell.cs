namespace Pipeline.Application.Export;

/// <summary>
/// RFC 4180 cells for the CSV exports. Text that comes from data and starts with <c>= + - @</c>, a tab or a carriage
/// return is what spreadsheets run as a formula (CSV injection), so it gets a leading apostrophe; amounts, dates and
/// flags the exporter formats itself are written as they are.
/// </summary>
internal static class CsvCell
{
    /// <summary>A text cell from data (names, ids, categories): neutralized, then quoted where needed.</summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? Quote("'" + value) : Quote(value);

    /// <summary>A value the exporter formatted (a number, a date, a flag): quoted where needed, never altered.</summary>
    public static string Quote(string? value) => value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
