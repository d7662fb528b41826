using System.Globalization;

namespace Pipeline.Core.Money;

/// <summary>Money for humans: <c>$1.2B</c>, <c>€350K</c>, <c>JPY 12.3M</c>; exact values stay in the data.</summary>
public static class MoneyFormat
{
    public static string Compact(decimal amount, string currency)
    {
        var sign = amount < 0 ? "-" : string.Empty;
        var value = Math.Abs(amount);
        var (scaled, suffix) = value switch
        {
            >= 1_000_000_000_000m => (value / 1_000_000_000_000m, "T"),
            >= 1_000_000_000m => (value / 1_000_000_000m, "B"),
            >= 1_000_000m => (value / 1_000_000m, "M"),
            >= 1_000m => (value / 1_000m, "K"),
            _ => (value, string.Empty),
        };
        var number = suffix.Length == 0 ? scaled.ToString("N0", CultureInfo.InvariantCulture) : scaled.ToString(scaled < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);
        return $"{sign}{Prefix(currency)}{number}{suffix}";
    }

    public static string Full(decimal amount, string currency) =>
        $"{(amount < 0 ? "-" : string.Empty)}{Prefix(currency)}{Math.Abs(amount).ToString("N2", CultureInfo.InvariantCulture)}";

    private static string Prefix(string currency) => currency switch
    {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => currency + " ",
    };
}
