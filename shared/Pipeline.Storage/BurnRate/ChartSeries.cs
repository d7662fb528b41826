using System.Text.Json.Serialization;

namespace Pipeline.Storage.BurnRate;

/// <summary>The series behind a burn chart: cumulative consumption to date and the forecast median per remaining day.</summary>
internal sealed record ChartSeries(
    [property: JsonPropertyName("c")] IReadOnlyList<decimal> Cumulative,
    [property: JsonPropertyName("f")] IReadOnlyList<decimal> Forecast);

[JsonSerializable(typeof(ChartSeries))]
internal sealed partial class BurnRateJsonContext : JsonSerializerContext;
