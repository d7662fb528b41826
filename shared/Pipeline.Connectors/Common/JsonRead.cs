namespace Pipeline.Connectors.Common;

/// <summary>
/// Lenient readers for provider JSON: property names in any casing, numbers as numbers or strings (GCE's int64). A
/// required value that is missing is the provider's bad response (<see cref="ProviderBadResponseException"/>), like any other.
/// </summary>
internal static class JsonRead
{
    public static JsonElement? Property(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? String(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static string RequiredString(this JsonElement element, string name, string what, string provider) =>
        element.String(name) ?? throw new ProviderBadResponseException(provider, $"{what}: '{name}' is missing or not a string");

    public static decimal? Number(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.TryGetDecimal(out var d) ? d : (decimal)Math.Min(n.GetDouble(), (double)decimal.MaxValue),
        { ValueKind: JsonValueKind.String } s when decimal.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static decimal RequiredNumber(this JsonElement element, string name, string what, string provider) =>
        element.Number(name) ?? throw new ProviderBadResponseException(provider, $"{what}: '{name}' is missing or not a number");

    public static DateTimeOffset? Date(this JsonElement element, string name) =>
        element.String(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
