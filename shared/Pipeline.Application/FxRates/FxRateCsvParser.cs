using Pipeline.Core.FxRates;
using Pipeline.Core.Ingestion;

namespace Pipeline.Application.FxRates;

/// <summary>
/// Reads exchange rates from CSV with the header <c>date,from,to,rate,source</c> (date <c>yyyy-MM-dd</c>; 1 from = rate to).
/// Every bad line is reported; any problem rejects the file.
/// </summary>
public static class FxRateCsvParser
{
    public static IReadOnlyList<FxRate> Parse(string csv, string file)
    {
        var errors = new SourceErrorLog();
        var rates = new List<FxRate>();
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !lines[0].Trim().TrimStart('\uFEFF').Equals("date,from,to,rate,source", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(file, 1, null, "the header must be: date,from,to,rate,source");
            throw new InvalidSourceDataException(errors);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 5)
            {
                errors.Add(file, i + 1, null, $"has {fields.Length} fields, expected 5");
                continue;
            }

            var ok = true;
            if (!DateOnly.TryParseExact(fields[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(file, i + 1, "date", $"'{fields[0]}' is not a yyyy-MM-dd date");
                ok = false;
            }

            var from = CurrencyCodes.Normalize(fields[1].Trim());
            var to = CurrencyCodes.Normalize(fields[2].Trim());
            if (from is null || to is null)
            {
                errors.Add(file, i + 1, from is null ? "from" : "to", $"'{(from is null ? fields[1] : fields[2])}' is not an ISO 4217 currency code");
                ok = false;
            }

            if (!AmountParser.TryParse(fields[3], out var rate) || rate <= 0)
            {
                errors.Add(file, i + 1, "rate", $"'{fields[3]}' is not a positive number");
                ok = false;
            }

            if (ok)
            {
                rates.Add(new FxRate(date, from!, to!, rate, fields[4].Trim()));
            }
        }

        return errors.HasErrors ? throw new InvalidSourceDataException(errors) : rates;
    }
}
