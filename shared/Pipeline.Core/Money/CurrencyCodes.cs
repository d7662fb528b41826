using System.Collections.Frozen;
using System.Reflection;

namespace Pipeline.Core.Money;

/// <summary>
/// ISO 4217 currency codes, as listed by the FOCUS validator (MIT, see LICENSE-focus-validator.txt).
/// BillingCurrency must be one of these: an unknown code is an error, never a guess.
/// </summary>
public static class CurrencyCodes
{
    private static readonly FrozenSet<string> s_codes = Load();

    public static IReadOnlySet<string> All => s_codes;

    public static bool IsKnown(string code) => s_codes.Contains(code);

    /// <summary>Returns the canonical upper-case code, or null when the code is not ISO 4217.</summary>
    public static string? Normalize(ReadOnlySpan<char> code)
    {
        Span<char> upper = stackalloc char[3];
        if (code.Length != 3 || code.ToUpperInvariant(upper) != 3)
        {
            return null;
        }

        return s_codes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(upper, out var canonical) ? canonical : null;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pipeline.Core.currency_codes.csv")
            ?? throw new InvalidOperationException("The embedded ISO 4217 currency list is missing from Pipeline.Core.");
        using var reader = new StreamReader(stream);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        reader.ReadLine(); // header: ",currency_codes"
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',');
            var code = (comma >= 0 ? line[(comma + 1)..] : line).Trim();
            if (code.Length == 3)
            {
                codes.Add(code);
            }
        }

        return codes.ToFrozenSet(StringComparer.Ordinal);
    }
}
