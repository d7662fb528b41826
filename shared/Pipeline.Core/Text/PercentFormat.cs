using System.Globalization;

namespace Pipeline.Core.Text;

/// <summary>Shares as whole percents for subject lines: <c>0.956</c> -> <c>96%</c> (no culture-dependent space).</summary>
public static class PercentFormat
{
    public static string Whole(decimal share, bool signed = false)
    {
        var percent = Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero);
        return $"{(signed && percent > 0 ? "+" : string.Empty)}{percent.ToString("0", CultureInfo.InvariantCulture)}%";
    }
}
